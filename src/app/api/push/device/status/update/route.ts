// POST /push/device/status/update (push-server-api.txt "Update Device Status").
import { ZPushDeviceStatusRequest } from "@/schemas/push";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { syncPushDeviceStatus } from "@/server/services/push/sync-push-device-status";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    family: "push",
    body: ZPushDeviceStatusRequest,
    handler: async ({ actor, body }) => {
      const activationId = body.requestObject?.activationId ?? body.activationId!;
      await syncPushDeviceStatus({ actor, activationId });
      return OK;
    },
  }),
});
