// DELETE /admin/app/huawei/remove (push-server-api.txt "Remove Huawei Configuration", deprecated); POST too, for clients that cannot send a DELETE body.
import { removeCredentialRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  DELETE: removeCredentialRoute("HMS"),
  POST: removeCredentialRoute("HMS"),
});
