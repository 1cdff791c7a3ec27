/**
 * An online PowerAuth signature (protocol §10) over a request: the Cloud API's
 * `POST /v2/signature/verify` and every signed mobile endpoint use this. The header is parsed
 * strictly (a malformed one throws PowerAuthError, which each transport maps to its documented
 * error); a well-formed header with a wrong signature is a normal, recorded, counted result.
 */
import {
  onlineSignatureData,
  parseAuthorizationHeader,
  verifySignature,
  type PowerAuthAuthorization,
  type SignatureType,
} from "@/powerauth/server";

import type { Actor } from "../access/actor";
import { checkSignature, type SignatureCheckOutcome } from "./signature-check";

export interface OnlineSignatureInput {
  /** The X-PowerAuth-Authorization header value as received. */
  authHeader: string;
  method: string;
  /** The URI id both sides sign (§10.7), not the HTTP path. */
  uriId: string;
  /** The raw body bytes, or for bodiless requests the canonical query string (§10.1). */
  body: Buffer | string;
  /** The calling backend's application (Cloud API); null for mobile requests. */
  applicationId: string | null;
  allowedTypes?: readonly SignatureType[];
  /** The calling backend; omitted for a device's own request. */
  actor?: Actor;
}

export async function verifyOnlineSignature(input: OnlineSignatureInput): Promise<SignatureCheckOutcome & { authorization: PowerAuthAuthorization }> {
  const authorization = parseAuthorizationHeader(input.authHeader);
  const bodyText = typeof input.body === "string" ? input.body : input.body.toString("utf8");
  const outcome = await checkSignature(
    {
      registrationId: authorization.activationId,
      applicationKey: authorization.applicationKey,
      version: authorization.version,
      signatureType: authorization.signatureType,
      applicationId: input.applicationId,
      allowedTypes: input.allowedTypes,
      kind: "SIGNATURE",
      eventData: `${input.method.toUpperCase()}\n${input.uriId}\n${bodyText}`,
      actor: input.actor,
    },
    ({ registration, keys, applicationSecret, format }) =>
      verifySignature({
        keys: { possession: keys.signaturePossession, knowledge: keys.signatureKnowledge, biometry: keys.signatureBiometry },
        ctrData: registration.ctrData,
        counter: registration.counter,
        signatureType: authorization.signatureType,
        data: onlineSignatureData({ method: input.method, uriId: input.uriId, nonce: authorization.nonce, body: input.body, applicationSecret }),
        format,
        signature: authorization.signature,
        lookAhead: registration.lookAhead,
        failedAttempts: registration.failedAttempts,
        maxFailedAttempts: registration.maxFailedAttempts,
      }),
  );
  return { ...outcome, authorization };
}
