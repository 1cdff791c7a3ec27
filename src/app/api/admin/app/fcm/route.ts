// PUT (and POST, as the reference serves) and DELETE /admin/app/fcm (push-server-api.txt "Administration").
import { removeCredentialRoute, setFcmRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  PUT: setFcmRoute(),
  POST: setFcmRoute(),
  DELETE: removeCredentialRoute("FCM"),
});
