// PUT /admin/app/huawei/update (push-server-api.txt "Update Huawei Configuration", deprecated): the same as /admin/app/hms.
import { setHmsRoute } from "@/server/rest/push-admin-routes";
import { restMethods } from "@/server/rest/rest-route";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  PUT: setHmsRoute(),
  POST: setHmsRoute(),
});
