// PUT /admin/app/ios/update (push-server-api.txt "Update iOS Configuration", deprecated): the same as /admin/app/apns.
import { setApnsRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  PUT: setApnsRoute(),
  POST: setApnsRoute(),
});
