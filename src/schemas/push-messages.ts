/**
 * Contracts for sending push messages: Cloud `POST /v2/messages/send` (cloud-multi-device-api.txt
 * "Send Push Message", flat body) and Push Server `POST /push/message/send` and
 * `/push/message/batch/send` (push-server-api.txt "Message", `requestObject`), plus the console's
 * message log and test push. All three REST bodies become one `PushMessageRequest` for the one
 * pipeline (api-reference/README.md "push send").
 */
import { z } from "./zod";

import { ZApplicationId } from "./applications";
import { requiredArray, requiredString } from "./common";

const text = (max: number) => z.string({ error: "must be a string" }).max(max, { error: `size must be between 0 and ${max}` }).nullable().optional();
const textList = z.array(z.string().max(255), { error: "must be an array of strings" }).max(20).nullable().optional();

/** Custom data sent with the message (APNs top-level keys, FCM/HMS `data`); bounded so one request cannot carry more than a provider takes. */
const ZExtras = z
  .record(z.string().max(128), z.unknown(), { error: "must be an object" })
  .refine((extras) => Object.keys(extras).length <= 100, { error: "at most 100 keys" })
  .refine((extras) => !("aps" in extras), { error: "the key aps is reserved for APNs" })
  .nullable()
  .optional();

const ZValidUntil = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date and time" }).nullable().optional();

/** Push Server's abstract body (push-server-api.txt "Send Message" `body`; payload mapping in reference §2.5). */
export const ZPushBody = z.object(
  {
    title: text(255),
    titleLocKey: text(255),
    titleLocArgs: textList,
    body: text(4000),
    bodyLocKey: text(255),
    bodyLocArgs: textList,
    badge: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(0).max(99_999).nullable().optional(),
    sound: text(255),
    icon: text(255),
    category: text(255),
    collapseKey: text(64),
    validUntil: ZValidUntil,
    extras: ZExtras,
  },
  { error: "must be an object" },
);

export type PushBodyInput = z.output<typeof ZPushBody>;

const ZPriority = z.enum(["HIGH", "NORMAL"], { error: "must be HIGH or NORMAL" });
const ZMode = z.enum(["SYNCHRONOUS", "ASYNCHRONOUS"], { error: "must be SYNCHRONOUS or ASYNCHRONOUS" });
const ZActivationId = z.uuid({ error: "must be an activation ID (UUID)" });

/** One Push Server message (`message`, or an item of `batch`). */
export const ZPushServerMessage = z.object(
  {
    userId: requiredString(255),
    activationId: ZActivationId.nullable().optional(),
    priority: ZPriority.nullable().optional(),
    attributes: z
      .object({ silent: z.boolean({ error: "must be true or false" }).nullable().optional(), personal: z.boolean({ error: "must be true or false" }).nullable().optional() }, { error: "must be an object" })
      .nullable()
      .optional(),
    body: ZPushBody,
  },
  { error: (issue) => (issue.input === undefined || issue.input === null ? "must not be null" : "must be an object") },
);

const envelope = <T extends z.ZodRawShape>(shape: T) => z.object({ requestObject: z.object(shape, { error: (issue) => (issue.input === undefined || issue.input === null ? "must not be null" : "must be an object") }) });

/** `POST /push/message/send`. */
export const ZPushSendMessageRequest = envelope({ appId: ZApplicationId, mode: ZMode.nullable().optional(), message: ZPushServerMessage });

/** `POST /push/message/batch/send`: at most 20 messages, as the Push Server allows (reference §2.4). */
export const ZPushSendBatchRequest = envelope({ appId: ZApplicationId, mode: ZMode.nullable().optional(), batch: requiredArray(ZPushServerMessage, { min: 1, max: 20 }) });

/** `POST /v2/messages/send` (Cloud): flat; title and message are required unless silent (checked in the service, ERROR_PUSH_MESSAGE). */
export const ZCloudSendMessageRequest = z.object({
  userId: requiredString(255),
  registrationId: z.uuid({ error: "must be a registration ID (UUID)" }).nullable().optional(),
  silent: z.boolean({ error: "must be true or false" }).nullable().optional(),
  title: z.string({ error: "must be a string" }).max(255, { error: "size must be between 1 and 255" }).nullable().optional(),
  message: z.string({ error: "must be a string" }).max(4000, { error: "size must be between 1 and 4000" }).nullable().optional(),
  sound: text(255),
  extras: ZExtras,
});

/** The console's message log filter. */
export const ZPushMessageListInput = z.object({
  applicationId: ZApplicationId,
  userId: z.string().min(1).max(255).optional(),
  cursor: z.string().max(80).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const ZPushMessageDetailInput = z.object({ applicationId: ZApplicationId, messageId: z.uuid() });

/** The console's test push: one raw token, so a credential can be tried before any device registers. */
export const ZConsoleTestPush = z.object({
  applicationId: ZApplicationId,
  platform: z.enum(["APNS", "FCM", "HMS"]),
  token: requiredString(4096).regex(/^[\x21-\x7e]+$/, { error: "must be printable characters without spaces" }),
  environment: z.enum(["development", "production"]).nullable().optional(),
  title: requiredString(255),
  body: requiredString(4000),
});
