/**
 * `npm run simulators [-- --apns-port N --fcm-port N --hms-port N --host H --strict]`: starts the
 * APNs, FCM and HMS simulators for demos and manual tests and prints the environment lines that
 * point Guardline at them. By default they accept any provider credential (a demo uploads its own
 * key in the console, which the simulators cannot know in advance); `--strict` makes them check
 * signatures and clients, which then must be registered through `POST /__simulator/keys`,
 * `/accounts` or `/clients`. Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";

import { startApnsSimulator } from "./apns-simulator";
import { startFcmSimulator } from "./fcm-simulator";
import { startHmsSimulator } from "./hms-simulator";

const { values } = parseArgs({
  options: {
    "apns-port": { type: "string", default: "9101" },
    "fcm-port": { type: "string", default: "9102" },
    "hms-port": { type: "string", default: "9103" },
    host: { type: "string", default: "127.0.0.1" },
    strict: { type: "boolean", default: false },
    "no-payloads": { type: "boolean", default: false },
  },
});

const port = (name: string, value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`--${name} must be a port number`);
  return parsed;
};

const common = { host: values.host, keepPayloads: !values["no-payloads"] };
const apns = await startApnsSimulator({ ...common, port: port("apns-port", values["apns-port"]), trustAnyKey: !values.strict });
const fcm = await startFcmSimulator({ ...common, port: port("fcm-port", values["fcm-port"]), trustAnyAccount: !values.strict });
const hms = await startHmsSimulator({ ...common, port: port("hms-port", values["hms-port"]), acceptAnyClient: !values.strict });

console.log(`# Push provider simulators (${values.strict ? "strict: register keys, accounts and clients first" : "accepting any credential"})`);
console.log(`# Deliveries: GET ${apns.url}/__simulator/deliveries (likewise on ${fcm.url} and ${hms.url})`);
console.log(`PUSH_APNS_PRODUCTION_URL=${apns.url}`);
console.log(`PUSH_APNS_DEVELOPMENT_URL=${apns.url}`);
console.log(`PUSH_FCM_URL=${fcm.url}`);
console.log(`PUSH_FCM_TOKEN_URL=${fcm.tokenUrl}`);
console.log(`PUSH_HMS_URL=${hms.url}`);
console.log(`PUSH_HMS_TOKEN_URL=${hms.tokenUrl}`);

const stop = () => {
  void Promise.all([apns.stop(), fcm.stop(), hms.stop()]).then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
