// GET /push/service/status (Push Server: Service Status). Public, so load balancers can use it.
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getServiceStatus } from "@/server/services/system/get-service-status";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({ auth: "none", handler: () => ({ status: "OK", responseObject: getServiceStatus() }) }),
});
