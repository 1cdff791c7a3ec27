// PUT (and POST, as the reference serves) and DELETE /admin/app/hms (push-server-api.txt "Administration").
import { removeCredentialRoute, setHmsRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  PUT: setHmsRoute(),
  POST: setHmsRoute(),
  DELETE: removeCredentialRoute("HMS"),
});
