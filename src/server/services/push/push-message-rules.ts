/**
 * What a push message is once any of the three send endpoints has read it (api-reference/README.md
 * "push send": one pipeline), and the rules every message obeys whatever its origin:
 * - a message that shows something (not silent) needs something to show: a title or body, or
 *   their localisation keys (Cloud: "Title must not be blank", cloud-multi-device-api.txt);
 * - personal messages go only to devices whose registration is ACTIVE (push-server-api.txt
 *   `attributes.personal`); Cloud messages are personal (they are addressed to a user);
 * - priority HIGH unless NORMAL is asked for.
 */
import type { PushBodyInput } from "@/schemas/push-messages";
import { AppError } from "@/server/errors";
import type { PushBody, PushPriority } from "@/server/push/provider";

export interface PushMessageRequest {
  userId: string;
  /** Only this registration's device (Push Server `activationId`, Cloud `registrationId`). */
  registrationId: string | null;
  priority: PushPriority;
  silent: boolean;
  personal: boolean;
  body: PushBody;
}

export type PushOrigin = "cloud" | "push-server" | "console" | "operation";

const filled = (value: string | null | undefined) => typeof value === "string" && value.trim() !== "";

/** Push Server `message` (or a `batch` item) as the pipeline takes it. */
export function fromPushServerMessage(message: {
  userId: string;
  activationId?: string | null;
  priority?: PushPriority | null;
  attributes?: { silent?: boolean | null; personal?: boolean | null } | null;
  body: PushBodyInput;
}): PushMessageRequest {
  return {
    userId: message.userId,
    registrationId: message.activationId?.toLowerCase() ?? null,
    priority: message.priority ?? "HIGH",
    silent: message.attributes?.silent ?? false,
    personal: message.attributes?.personal ?? false,
    body: message.body,
  };
}

/** Cloud `POST /v2/messages/send`: `title` and `message` map to the body's title and body; sound defaults to `default`. */
export function fromCloudMessage(input: { userId: string; registrationId?: string | null; silent?: boolean | null; title?: string | null; message?: string | null; sound?: string | null; extras?: Record<string, unknown> | null }): PushMessageRequest {
  const silent = input.silent ?? false;
  if (!silent && !filled(input.title)) throw new AppError("ERROR_PUSH_MESSAGE", "Unable to send push message. Title must not be blank.");
  if (!silent && !filled(input.message)) throw new AppError("ERROR_PUSH_MESSAGE", "Unable to send push message. Message must not be blank.");
  return {
    userId: input.userId,
    registrationId: input.registrationId?.toLowerCase() ?? null,
    priority: "HIGH",
    silent,
    personal: true,
    body: { title: input.title ?? null, body: input.message ?? null, sound: silent ? null : (input.sound ?? "default"), extras: input.extras ?? null },
  };
}

/** APNs, FCM and HMS each take about 4 KB of payload; a body larger than that cannot fit any of them. */
export const MAX_BODY_BYTES = 4096;

/** Refuses a visible message with nothing to show, a validUntil already past, and a body no provider takes. */
export function assertSendable(message: PushMessageRequest, now = Date.now()): void {
  const body = message.body;
  const size = Buffer.byteLength(JSON.stringify(body));
  if (size > MAX_BODY_BYTES) {
    throw new AppError("ERROR_PUSH_MESSAGE", `Unable to send push message to user ${message.userId}. The message is ${size} bytes; push providers take at most ${MAX_BODY_BYTES}.`);
  }
  if (!message.silent && !filled(body.title) && !filled(body.body) && !filled(body.titleLocKey) && !filled(body.bodyLocKey)) {
    throw new AppError("ERROR_PUSH_MESSAGE", `Unable to send push message to user ${message.userId}. A message that is not silent needs a title, a body or their localisation keys.`);
  }
  if (body.validUntil && Date.parse(body.validUntil) <= now) {
    throw new AppError("ERROR_PUSH_MESSAGE", `Unable to send push message to user ${message.userId}. validUntil ${body.validUntil} is in the past.`);
  }
}
