/**
 * `POST /v2/token/verify` (cloud-multi-device-api.txt, "Verify PowerAuth Token"): a bank backend
 * passes on the `X-PowerAuth-Token` header its mobile app sent. The §11.2 checks run in the one
 * place that does them (`verifyTokenHeader`: timestamp window, token, ACTIVE, replay, digest in
 * constant time); a digest that does not match, a stale timestamp, a replayed nonce or a removed
 * token is `tokenValid: false`; only a header that is not a well-formed token header is an error.
 *
 * Where the document is silent: a token that does not exist, or whose registration belongs to
 * another application, has no registration to report: `userId` and `registrationId` are null,
 * `registrationStatus` REMOVED and `signatureType` null.
 */
import { PowerAuthError } from "@/powerauth/server";
import { AppError } from "@/server/errors";

import { verifyTokenHeader } from "../registrations/verify-token";
import { applicationSummary, type ApplicationSummary } from "./application-summary";

export const tokenHeaderInvalid = () => new AppError("ERROR_TOKEN_INVALID", "Token HTTP header validation failed");

export interface VerifyTokenResponse {
  tokenValid: boolean;
  userId: string | null;
  registrationId: string | null;
  registrationStatus: string;
  signatureType: string | null;
  flags: string[];
  application: ApplicationSummary;
}

export async function verifyTokenRequest({ applicationId, authHeader }: { applicationId: string; authHeader: string }): Promise<VerifyTokenResponse> {
  const outcome = await verifyTokenHeader({ authHeader, applicationId }).catch((error: unknown) => {
    if (error instanceof PowerAuthError) throw tokenHeaderInvalid();
    throw error;
  });
  const registration = outcome.registration;
  return {
    tokenValid: outcome.valid,
    userId: registration?.userId ?? null,
    registrationId: registration?.id ?? null,
    registrationStatus: registration?.status ?? "REMOVED",
    signatureType: registration ? (outcome.signatureType?.toUpperCase() ?? null) : null,
    flags: registration?.flags ?? [],
    application: await applicationSummary(applicationId, registration?.roles),
  };
}
