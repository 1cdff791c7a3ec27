/**
 * The key of the audit chain's MAC (AUDIT_CHAIN_KEY, validated in env.ts). Read once per process:
 * the audit writer uses it inside every audited transaction.
 */
import { getEnv } from "@/env";

let key: Buffer | undefined;

export function getAuditChainKey(): Buffer {
  key ??= Buffer.from(getEnv().AUDIT_CHAIN_KEY, "base64");
  return key;
}
