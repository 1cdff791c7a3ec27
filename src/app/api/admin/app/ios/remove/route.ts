// DELETE /admin/app/ios/remove (push-server-api.txt "Remove iOS Configuration", deprecated); POST too, for clients that cannot send a DELETE body.
import { removeCredentialRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  DELETE: removeCredentialRoute("APNS"),
  POST: removeCredentialRoute("APNS"),
});
