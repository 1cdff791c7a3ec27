/**
 * `POST /v2/signature/verify` (cloud-multi-device-api.txt, "Verify Signature (Online Approval)"):
 * a bank backend passes on the PowerAuth header its mobile app received, with the request's
 * method, URI id and body (Base64) or, for GET, its query parameters. The signed data is rebuilt
 * exactly as the device built it (§10.1) and checked through the one row-locked check (§10.5,
 * §10.6): a wrong signature is a normal answer (`signatureValid: false`, counted, blocking at the
 * maximum); only a header that is not a well-formed PowerAuth header is an error.
 *
 * Where the document is silent: a registration that does not exist, or belongs to another
 * application, is reported as the reference reports an unknown activation (§10.5 step 1): not
 * valid, status REMOVED, with the header's activation ID and no user (`userId: null`).
 */
import { canonicalQueryFromParams, PowerAuthError } from "@/powerauth/server";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { verifyOnlineSignature } from "../registrations/verify-online-signature";
import { applicationSummary, type ApplicationSummary } from "./application-summary";

export const signatureHeaderInvalid = () => new AppError("ERROR_SIGNATURE_INVALID", "Signature HTTP header validation failed");

export interface VerifySignatureRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  uriId: string;
  authHeader: string;
  /** Base64 of the body bytes (POST, PUT, DELETE); null or absent for GET. */
  requestBody?: string | null;
  /** GET: the query parameters, not URL-encoded; null or absent otherwise. */
  queryParams?: Record<string, string> | null;
}

export interface VerifySignatureResponse {
  signatureValid: boolean;
  userId: string | null;
  registrationId: string;
  registrationStatus: string;
  signatureType: string;
  remainingAttempts: number;
  flags: string[];
  application: ApplicationSummary;
}

/** The bytes the device signed: the body, or for a GET without one its canonical query (§10.1). */
function signedBody(input: VerifySignatureRequest): Buffer | string {
  const body = input.requestBody ? Buffer.from(input.requestBody, "base64") : Buffer.alloc(0);
  if (body.length === 0 && input.method === "GET" && input.queryParams) return canonicalQueryFromParams(input.queryParams);
  return body;
}

export async function verifySignatureRequest({ actor, applicationId, request }: { actor: Actor; applicationId: string; request: VerifySignatureRequest }): Promise<VerifySignatureResponse> {
  const outcome = await verifyOnlineSignature({
    authHeader: request.authHeader,
    method: request.method,
    uriId: request.uriId,
    body: signedBody(request),
    applicationId,
    actor,
  }).catch((error: unknown) => {
    if (error instanceof PowerAuthError) throw signatureHeaderInvalid();
    throw error;
  });
  const registration = outcome.registration;
  return {
    signatureValid: outcome.valid,
    userId: registration?.userId ?? null,
    registrationId: registration?.id ?? outcome.authorization.activationId,
    registrationStatus: registration?.status ?? "REMOVED",
    signatureType: outcome.signatureType.toUpperCase(),
    remainingAttempts: outcome.remainingAttempts,
    flags: registration?.flags ?? [],
    application: await applicationSummary(applicationId, registration?.roles),
  };
}
