// DELETE /push/device/remove (push-server-api.txt "Remove Device"); POST too, for clients that cannot send a DELETE body (api-reference/README.md).
import { ZRemovePushDeviceRequest } from "@/schemas/push";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { removePushDevice } from "@/server/services/push/remove-push-device";

const remove = () =>
  restRoute({
    auth: "application",
    family: "push",
    body: ZRemovePushDeviceRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      await removePushDevice({ actor, appId: input.appId, token: input.token });
      return OK;
    },
  });

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({ DELETE: remove(), POST: remove() });
