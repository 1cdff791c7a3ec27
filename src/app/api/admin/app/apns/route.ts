// PUT (and POST, as the reference serves) and DELETE /admin/app/apns (push-server-api.txt "Administration").
import { removeCredentialRoute, setApnsRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  PUT: setApnsRoute(),
  POST: setApnsRoute(),
  DELETE: removeCredentialRoute("APNS"),
});
