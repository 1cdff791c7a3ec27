/**
 * Contracts for signature and token verification (cloud-multi-device-api.txt, "Authentication
 * Services"), the audit log ("Auditing Services") and the mobile token and vault endpoints
 * (powerauth-protocol.md §11, §12).
 */
import { z } from "./zod";

import { requiredString } from "./common";
import { ZUserId } from "./registrations";


/** A PowerAuth header as the Cloud verify endpoints take it; its content is checked by the protocol library. */
const ZAuthHeader = requiredString(4096);

export const ZVerifySignatureRequest = z.object({
  method: z.enum(["GET", "POST", "PUT", "DELETE"], { error: "must be GET, POST, PUT or DELETE" }),
  uriId: requiredString(1024),
  authHeader: ZAuthHeader,
  requestBody: z
    .string({ error: "must be a string" })
    .max(1_400_000, { error: "size must be at most 1400000" })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "must be Base64" })
    .nullish(),
  queryParams: z.record(z.string(), z.string({ error: "must be a string" }), { error: "must be a map of strings" }).nullish(),
});

export const ZVerifyTokenRequest = z.object({ authHeader: ZAuthHeader });

/** `GET /audit/log`: the timestamps are checked by the service (a bad one is ERROR_AUDIT, as documented). */
export const ZAuditLogQuery = z
  .object({
    userId: ZUserId,
    timestampFrom: z.string().optional(),
    timestampTo: z.string().optional(),
    // Short aliases, accepted as well.
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .transform(({ userId, timestampFrom, timestampTo, from, to }) => ({ userId, timestampFrom: timestampFrom ?? from, timestampTo: timestampTo ?? to }));

/** `POST /pa/v3/token/remove` (§11.3). */
export const ZTokenRemoveRequest = z.object({
  requestObject: z.object(
    { tokenId: requiredString(36).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, { error: "must be a token ID (a UUID)" }) },
    { error: "must not be null" },
  ),
});


/**
 * `/pa/v3/signature/validate` (§12) takes any body; it must still be JSON (UTF-8, no NUL), like
 * every other REST body, and it may be absent (a GET signs its query string instead).
 */
export const ZAnySignedBody = z.unknown();
