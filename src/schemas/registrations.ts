/**
 * Contracts for registrations (cloud-multi-device-api.txt, "Services for Registrations") and for
 * the mobile Standard RESTful API that activates them (powerauth-protocol.md §6, §7, §9, §12):
 * REST, tRPC and console forms.
 *
 * Optional members accept `null` as "not given": Java backends serialise absent optionals as null.
 */
import { z } from "./zod";

import { ZApplicationId } from "./applications";
import { requiredArray, requiredString } from "./common";

/** An optional member that may also be sent as null (then treated as absent). */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const ZUserId = requiredString(255);

export const ZRegistrationFlag = requiredString(100).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
  error: "must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
});

/** A registration carries at most this many flags. */
export const MAX_REGISTRATION_FLAGS = 100;

export const ZFlags = requiredArray(ZRegistrationFlag, { max: MAX_REGISTRATION_FLAGS });

export const ZOtpValidation = z.enum(["NONE", "ON_KEY_EXCHANGE", "ON_COMMIT"], { error: "must be NONE, ON_KEY_EXCHANGE or ON_COMMIT" });

/** An activation OTP as banks send them: 4 to 64 characters (letters, digits and - _ .). */
export const ZActivationOtp = requiredString(64)
  .min(4, { error: "size must be between 4 and 64" })
  .regex(/^[A-Za-z0-9._-]+$/, { error: "must be letters, digits, '.', '_' or '-'" });

export const ZRegistrationId = z.uuid({ error: "must be a registration ID (a UUID)" });

export const ZRegistrationPathParams = z.object({ registrationId: ZRegistrationId });

export const ZExternalUserId = requiredString(255);

/** Free text, as the reference takes it (`DEVICE_LOST`, `FRAUD_SUSPECTED`…). */
export const ZBlockReason = requiredString(255);

export const ZCreateRegistrationRequest = z
  .object({
    userId: ZUserId,
    appId: ZApplicationId,
    otp: nullable(ZActivationOtp),
    otpValidation: nullable(ZOtpValidation).transform((value) => value ?? "NONE"),
    flags: nullable(ZFlags).transform((value) => value ?? []),
  })
  .superRefine((value, context) => {
    if (value.otpValidation !== "NONE" && !value.otp) {
      context.addIssue({ code: "custom", path: ["otp"], message: `must not be null when otpValidation is ${value.otpValidation}` });
    }
    if (value.otpValidation === "NONE" && value.otp) {
      context.addIssue({ code: "custom", path: ["otpValidation"], message: "must be ON_KEY_EXCHANGE or ON_COMMIT when an otp is given" });
    }
  });

export const ZRegistrationListQuery = z.object({ userId: ZUserId });

export const ZCommitRegistrationRequest = z.object({
  externalUserId: nullable(ZExternalUserId),
  otp: nullable(ZActivationOtp),
});

export const ZRegistrationChange = z.enum(["BLOCK", "UNBLOCK", "REMOVE"], { error: "must be BLOCK, UNBLOCK or REMOVE" });

export const ZChangeRegistrationRequest = z.object({
  change: ZRegistrationChange,
  externalUserId: nullable(ZExternalUserId),
  blockReason: nullable(ZBlockReason),
});

export const ZFlagsRequest = z.object({ flags: ZFlags });

// ---------------------------------------------------------------------------------------------
// Mobile Standard RESTful API (/pa/v3/**). The protocol library validates the cryptographic
// content (Base64 lengths, points, versions); these contracts only check the JSON shapes, so a
// wrong type is a validation error (ERR_GENERIC with violations) and never reaches the crypto.
// ---------------------------------------------------------------------------------------------

/** A UUID as the reference header validators check it (any version 1–5, case-insensitive). */
export const ZActivationId = requiredString(36).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, {
  error: "must be an activation ID (a UUID)",
});

const base64Text = (max: number) => requiredString(max).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "must be Base64" });

/** `POST /pa/v3/status`: the SDK sends `{}` (or an empty requestObject). */
export const ZMobileStatusRequest = z.object({ requestObject: nullable(z.object({}).loose()) }).loose();

/** `POST /pa/v3/keystore/create` (§6). */
export const ZTemporaryKeyRequest = z.object({
  requestObject: z.object({ jwt: requiredString(8192) }, { error: "must not be null" }),
});

/** An ECIES request body (§5.5), sent raw; which members a version needs is checked by the library. */
export const ZEciesRequestBody = z.object({
  temporaryKeyId: nullable(requiredString(36)),
  ephemeralPublicKey: base64Text(200),
  encryptedData: base64Text(1_000_000),
  mac: base64Text(100),
  nonce: nullable(base64Text(100)),
  timestamp: nullable(z.number({ error: "must be a number" }).int({ error: "must be an integer" }).nonnegative({ error: "must not be negative" })),
});

/** `POST /pa/v3/activation/status` (§9); 3.0 clients send no challenge. */
export const ZActivationStatusRequest = z.object({
  requestObject: z.object(
    {
      activationId: ZActivationId,
      challenge: nullable(base64Text(100)),
    },
    { error: "must not be null" },
  ),
});

/** `POST /pa/v3/activation/remove`: the body is signed but carries nothing (usually `{}`). */
export const ZSignedEmptyRequest = z.object({}).loose();

// ---------------------------------------------------------------------------------------------
// The console (tRPC): the registrations list, detail actions, the virtual device, the support page.
// ---------------------------------------------------------------------------------------------

export const REGISTRATION_STATUSES = ["CREATED", "PENDING_COMMIT", "ACTIVE", "BLOCKED", "REMOVED"] as const;

/** The list's status filter: one state, every state but REMOVED (the default), or every state. */
export const REGISTRATION_STATUS_FILTERS = ["open", "all", ...REGISTRATION_STATUSES] as const;
export type RegistrationStatusFilter = (typeof REGISTRATION_STATUS_FILTERS)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

export const ZConsoleRegistrationListQuery = z.object({
  /** An exact registration ID or user ID. */
  search: optionalText(255),
  /** Exactly this user's (the support page). */
  userId: optionalText(255),
  applicationId: optionalText(255),
  status: z.enum(REGISTRATION_STATUS_FILTERS).default("open"),
  flag: optionalText(100),
  /** The page older than this cursor… */
  cursor: optionalText(200),
  /** …or the page newer than this one. */
  newerThan: optionalText(200),
  pageSize: z.number().int().min(1).max(200).default(25),
});

export const ZConsoleRegistrationRef = z.object({ registrationId: ZRegistrationId });

export const ZConsoleCreateRegistration = z
  .object({
    applicationId: ZApplicationId,
    userId: ZUserId,
    otpValidation: ZOtpValidation.default("NONE"),
    otp: ZActivationOtp.optional(),
    flags: ZFlags.default([]),
  })
  .superRefine((value, context) => {
    if (value.otpValidation !== "NONE" && !value.otp) {
      context.addIssue({ code: "custom", path: ["otp"], message: `must not be empty when the OTP is checked ${value.otpValidation === "ON_COMMIT" ? "at commit" : "at key exchange"}` });
    }
    if (value.otpValidation === "NONE" && value.otp) {
      context.addIssue({ code: "custom", path: ["otp"], message: "must be empty when no OTP is checked" });
    }
  });

export const ZConsoleBlockRegistration = ZConsoleRegistrationRef.extend({ blockReason: ZBlockReason.trim().min(1, { error: "must not be empty" }) });

export const ZConsoleCommitRegistration = ZConsoleRegistrationRef.extend({ otp: ZActivationOtp.optional() });

export const ZConsoleFlagsChange = ZConsoleRegistrationRef.extend({ change: z.enum(["add", "replace", "remove"]), flags: ZFlags });

export const ZVirtualDeviceActivate = ZConsoleRegistrationRef.extend({ otp: ZActivationOtp.optional() });

export const VIRTUAL_DEVICE_SIGNATURE_TYPES = ["possession", "possession_knowledge", "possession_biometry", "possession_knowledge_biometry"] as const;

export const ZVirtualDeviceSign = ZConsoleRegistrationRef.extend({
  signatureType: z.enum(VIRTUAL_DEVICE_SIGNATURE_TYPES),
  wrongPin: z.boolean().default(false),
});

export const ZUserTimelineQuery = z.object({
  userId: ZUserId,
  applicationId: optionalText(255),
  cursor: optionalText(200),
  pageSize: z.number().int().min(1).max(200).default(50),
});
