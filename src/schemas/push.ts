/**
 * Contracts for push: provider credentials (Cloud admin flat bodies, Push Server `requestObject`
 * bodies) and devices (push-server-api.txt, protocol §14). Formats of the credentials themselves
 * are checked by src/server/push/credential-validation.ts, which needs the decoded key.
 */
import { z } from "./zod";

import { ZApplicationId } from "./applications";
import { requiredArray, requiredString } from "./common";

const MAX_KEY_FILE_BASE64 = 24 * 1024;

const optionalNullableString = (max: number) => z.string().max(max, { error: `size must be between 0 and ${max}` }).nullable().optional();

/** `POST /admin/applications/{id}/push/apns` (admin-services-api.txt). */
export const ZCloudApnsRequest = z.object({
  topic: requiredString(155),
  keyId: requiredString(10),
  teamId: requiredString(10),
  environment: requiredString(20),
  privateKeyBase64: requiredString(MAX_KEY_FILE_BASE64),
});

/** `POST /admin/applications/{id}/push/fcm`. */
export const ZCloudFcmRequest = z.object({
  projectId: optionalNullableString(200),
  privateKeyBase64: requiredString(MAX_KEY_FILE_BASE64),
});

/** `POST /admin/applications/{id}/push/hms`. */
export const ZCloudHmsRequest = z.object({
  projectId: requiredString(200),
  appId: requiredString(200),
  clientId: requiredString(200),
  clientSecret: requiredString(512),
});

const envelope = <T extends z.ZodRawShape>(shape: T) => z.object({ requestObject: z.object(shape, { error: (issue) => (issue.input === undefined || issue.input === null ? "must not be null" : "must be an object") }) });

export const ZPushAppIdRequest = envelope({ appId: ZApplicationId });

export const ZPushAppDetailRequest = envelope({
  appId: ZApplicationId,
  includeApns: z.boolean().nullable().optional(),
  includeFcm: z.boolean().nullable().optional(),
  includeHms: z.boolean().nullable().optional(),
});

/** `PUT /admin/app/apns` (and `ios/update`); `environment` null: the server's default. */
export const ZPushApnsRequest = envelope({
  appId: ZApplicationId,
  bundle: requiredString(155),
  keyId: requiredString(10),
  teamId: requiredString(10),
  environment: optionalNullableString(20),
  privateKeyBase64: requiredString(MAX_KEY_FILE_BASE64),
});

export const ZPushFcmRequest = envelope({
  appId: ZApplicationId,
  projectId: optionalNullableString(200),
  privateKeyBase64: requiredString(MAX_KEY_FILE_BASE64),
});

export const ZPushHmsRequest = envelope({
  appId: ZApplicationId,
  projectId: requiredString(200),
  clientId: requiredString(200),
  clientSecret: requiredString(512),
});

/** `apns|fcm|hms`, and the JS SDK's and older names `ios|android|huawei` (§14), any case. */
export const ZPushPlatform = requiredString(20)
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(["apns", "fcm", "hms", "ios", "android", "huawei"], { error: "must be one of apns, fcm, hms (or ios, android, huawei)" }));

/** A provider's device token: printable ASCII without spaces. */
export const ZPushToken = requiredString(4096).regex(/^[\x21-\x7e]+$/, { error: "must be printable characters without spaces" });

const ZActivationId = z.uuid({ error: "must be an activation ID (UUID)" });

const ZEnvironment = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(["development", "production"], { error: "must be development or production" }))
  .nullable()
  .optional();

const deviceShape = { appId: ZApplicationId, token: ZPushToken, platform: ZPushPlatform, environment: ZEnvironment };

export const ZCreatePushDeviceRequest = envelope({ ...deviceShape, activationId: ZActivationId });

export const ZCreatePushDeviceMultiRequest = envelope({ ...deviceShape, activationIds: requiredArray(ZActivationId, { min: 1, max: 100 }) });

export const ZRemovePushDeviceRequest = envelope({ appId: ZApplicationId, token: ZPushToken });

/**
 * `POST /push/device/status/update`: the document shows a flat `{"activationId"}`; the reference
 * also takes it in `requestObject` with an optional `activationStatus`. Both are accepted.
 */
export const ZPushDeviceStatusRequest = z
  .object({
    activationId: ZActivationId.optional(),
    activationStatus: z.string().max(30).nullable().optional(),
    requestObject: z.object({ activationId: ZActivationId, activationStatus: z.string().max(30).nullable().optional() }).optional(),
  })
  .refine((body) => body.activationId !== undefined || body.requestObject !== undefined, { error: "must not be null", path: ["activationId"] });

/** `POST /api/push/device/register` (and `/register/token`), protocol §14. */
export const ZMobilePushRegisterRequest = envelope({ platform: ZPushPlatform, token: ZPushToken, environment: ZEnvironment });

export const ZPushDeviceListInput = z.object({
  applicationId: ZApplicationId,
  userId: z.string().min(1).max(255).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** The console's credential forms: the Cloud admin bodies, with the application and provider. */
export const ZConsoleSetPushCredential = z.discriminatedUnion("provider", [
  ZCloudApnsRequest.extend({ provider: z.literal("APNS"), applicationId: ZApplicationId }),
  ZCloudFcmRequest.extend({ provider: z.literal("FCM"), applicationId: ZApplicationId }),
  ZCloudHmsRequest.extend({ provider: z.literal("HMS"), applicationId: ZApplicationId, appId: requiredString(200).optional() }),
]);

export const ZConsoleRemovePushCredential = z.object({ applicationId: ZApplicationId, provider: z.enum(["APNS", "FCM", "HMS"]) });
