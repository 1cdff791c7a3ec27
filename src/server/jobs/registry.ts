/** Every job the product runs, with its handler. Later areas add theirs here. */
import type { JobRegistration } from "./job-definition";
import { verifyAuditChainJob } from "./definitions/verify-audit-chain";
import { handleVerifyAuditChain } from "./definitions/verify-audit-chain.handler";

export const JOBS: JobRegistration[] = [{ definition: verifyAuditChainJob, handler: handleVerifyAuditChain }];
