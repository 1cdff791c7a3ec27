/**
 * `POST /pa/v3/status` of the Standard RESTful API (protocol §12): the server's clock, which 3.2+
 * SDKs synchronise with (ECIES timestamps and tokens are checked against it), and what is serving.
 */
import { getServiceStatus } from "./get-service-status";

export function getMobileApiStatus(now = Date.now()) {
  const status = getServiceStatus();
  return { serverTime: now, application: { name: status.applicationName, version: status.version } };
}
