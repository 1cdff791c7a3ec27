// POST /push/message/batch/send (push-server-api.txt "Send Message Batch"): at most 20 messages,
// all stored or none; SYNCHRONOUS counts are summed over the batch.
import { ZPushSendBatchRequest } from "@/schemas/push-messages";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { fromPushServerMessage } from "@/server/services/push/push-message-rules";
import { sendPushMessages } from "@/server/services/push/send-push-messages";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    family: "push",
    body: ZPushSendBatchRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      const sent = await sendPushMessages({ actor, appId: input.appId, origin: "push-server", mode: input.mode ?? "SYNCHRONOUS", messages: input.batch.map(fromPushServerMessage) });
      return { status: "OK", responseObject: { mode: sent.mode, ...(sent.result ? { result: sent.result } : {}), messages: sent.messages } };
    },
  }),
});
