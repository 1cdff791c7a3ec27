/**
 * Contracts for operations: the Cloud API (cloud-multi-device-api.txt, "Services for Operations",
 * "Internal Services") and the Mobile Token operations API (powerauth-protocol.md §14,
 * enrollment-server Mobile-Token-API.md). Optional members accept null as "not given".
 */
import { z } from "./zod";

import { requiredString } from "./common";
import { ZRegistrationFlag, ZRegistrationId, ZUserId } from "./registrations";
import { ZTemplateName } from "./templates";

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const ZOperationId = z.uuid({ error: "must be an operation ID (a UUID)" });

export const ZOperationPathParams = z.object({ operationId: ZOperationId });

/** At most this many parameters per operation (the document recommends up to 5). */
export const MAX_OPERATION_PARAMETERS = 50;

/** Values may hold newlines but no other control characters (powerauth-products.md §1.4). */
export const ZOperationParameters = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: "parameter names are 1–100 letters, digits, '_', '.' or '-'" }),
    z
      .string({ error: "must be a string" })
      .max(1000, { error: "size must be at most 1000" })
      .regex(/^[^\u0000-\u0009\u000b-\u001f]*$/, { error: "must not contain control characters other than newline" }),
    { error: "must be an object of parameter names to strings" },
  )
  .refine((value) => Object.keys(value).length <= MAX_OPERATION_PARAMETERS, { error: `must have at most ${MAX_OPERATION_PARAMETERS} parameters` });

export const ZCreateOperationRequest = z.object({
  userId: ZUserId,
  template: ZTemplateName,
  language: nullable(z.string({ error: "must be a string" }).regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter language code" })).transform((value) => value?.toLowerCase() ?? "en"),
  externalId: nullable(requiredString(255)),
  flag: nullable(ZRegistrationFlag),
  parameters: nullable(ZOperationParameters).transform((value) => value ?? {}),
  /** Overrides the template's expiry (Unix ms, in the future; powerauth-products.md §1.4, #830). */
  timestampExpires: nullable(z.number({ error: "must be a number" }).int({ error: "must be an integer" }).positive({ error: "must be positive" })),
});

export type CreateOperationRequest = z.output<typeof ZCreateOperationRequest>;

export const ZOfflineQrQuery = z.object({ registrationId: ZRegistrationId });

/** The OTP's format is checked by the service (ERROR_OTP_INVALID), not here. */
export const ZOfflineOtpRequest = z.object({
  otp: requiredString(64),
  nonce: requiredString(64),
  registrationId: ZRegistrationId,
});

export const ZOperationCallbackRequest = z.object({ operationId: ZOperationId });

// ---------------------------------------------------------------------------------------------
// Mobile Token operations API (/api/auth/token/app/operation/**): `{"requestObject": …}` bodies.
// ---------------------------------------------------------------------------------------------

/** `list` and `history`: the body is `{}` (signed or not, nothing in it is used). */
export const ZMobileEmptyRequest = z.object({}).loose();

const ZMobileOperationRef = requiredString(100);

export const ZMobileOperationRequest = z.object({
  requestObject: z.object({ id: ZMobileOperationRef }, { error: "must not be null" }),
});

export const ZMobileAuthorizeRequest = z.object({
  requestObject: z.object(
    {
      id: ZMobileOperationRef,
      data: requiredString(5000),
      proximityCheck: nullable(
        z.object({
          otp: requiredString(20),
          type: nullable(z.enum(["QR_CODE", "DEEPLINK"], { error: "must be QR_CODE or DEEPLINK" })),
          timestampReceived: nullable(z.string({ error: "must be a string" }).max(64)),
          timestampSent: nullable(z.string({ error: "must be a string" }).max(64)),
        }),
      ),
    },
    { error: "must not be null" },
  ),
});

/** The user's rejection (`UNKNOWN`, `INCORRECT_DATA`, `UNEXPECTED_OPERATION`, …; a short machine code). */
export const ZMobileRejectRequest = z.object({
  requestObject: z.object(
    {
      id: ZMobileOperationRef,
      reason: nullable(z.string({ error: "must be a string" }).regex(/^[A-Za-z0-9_.-]{1,32}$/, { error: "must be a short code such as UNKNOWN or INCORRECT_DATA" })),
    },
    { error: "must not be null" },
  ),
});
