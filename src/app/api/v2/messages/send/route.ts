// POST /v2/messages/send (cloud-multi-device-api.txt "Send Push Message"): always asynchronous.
// Beyond the documented `{"status":"OK"}`, the response says which message was queued and to how
// many devices (`NO_DEVICES` when the user has none), instead of silently doing nothing.
import { ZCloudSendMessageRequest } from "@/schemas/push-messages";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { fromCloudMessage } from "@/server/services/push/push-message-rules";
import { sendPushMessages } from "@/server/services/push/send-push-messages";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    body: ZCloudSendMessageRequest,
    handler: async ({ actor, applicationId, body }) => {
      const { messages } = await sendPushMessages({ actor, appId: applicationId!, origin: "cloud", mode: "ASYNCHRONOUS", messages: [fromCloudMessage(body)] });
      const [message] = messages;
      return { status: "OK", responseObject: { messageId: message!.messageId, devices: message!.devices, status: message!.status } };
    },
  }),
});
