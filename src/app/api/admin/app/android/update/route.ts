// PUT /admin/app/android/update (push-server-api.txt "Update Android Configuration", deprecated): the same as /admin/app/fcm.
import { setFcmRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  PUT: setFcmRoute(),
  POST: setFcmRoute(),
});
