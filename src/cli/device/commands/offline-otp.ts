// device offline-otp: the OTP for an offline QR payload (protocol §13.3), after checking the QR
// code's ECDSA signature; the counter moves on one step. The payload comes from --qr or --qr-file.
import fs from "node:fs";

import { optionalString, UsageError, type DeviceCommand } from "../device-command";

export const offlineOtpCommand: DeviceCommand = {
  name: "offline-otp",
  usage: "offline-otp (--qr PAYLOAD | --qr-file FILE) [--biometry]",
  options: {
    qr: { type: "string" },
    "qr-file": { type: "string" },
    biometry: { type: "boolean" },
  },
  async run(client, values) {
    const qr = optionalString(values, "qr");
    const file = optionalString(values, "qr-file");
    if ((qr === undefined) === (file === undefined)) throw new UsageError("Give exactly one of --qr PAYLOAD or --qr-file FILE");
    // A payload typed on a command line carries "\n" as two characters; the QR text has real newlines.
    const payload = qr !== undefined ? qr.replace(/\\n/g, "\n") : fs.readFileSync(file!, "utf8").replace(/\r?\n$/, "");
    return client.offlineOtp(payload, { biometry: values.biometry === true });
  },
};
