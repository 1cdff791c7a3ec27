// POST /push/message/send (push-server-api.txt "Send Message"): SYNCHRONOUS (default) waits for
// every delivery's first answer and returns the per-platform counts; ASYNCHRONOUS returns at once.
// `messages` (ours, beyond the document) says per message how many devices it went to.
import { ZPushSendMessageRequest } from "@/schemas/push-messages";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { fromPushServerMessage } from "@/server/services/push/push-message-rules";
import { sendPushMessages } from "@/server/services/push/send-push-messages";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    family: "push",
    body: ZPushSendMessageRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      const sent = await sendPushMessages({ actor, appId: input.appId, origin: "push-server", mode: input.mode ?? "SYNCHRONOUS", messages: [fromPushServerMessage(input.message)] });
      return { status: "OK", responseObject: { mode: sent.mode, ...(sent.result ? { result: sent.result } : {}), messages: sent.messages } };
    },
  }),
});
