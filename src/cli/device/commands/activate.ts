// device activate: the key exchange from a QR text or a typed code (protocol §7).
import { PROTOCOL_VERSIONS, type ProtocolVersion } from "@/powerauth/device";

import { optionalString, UsageError, type DeviceCommand } from "../device-command";

export const activateCommand: DeviceCommand = {
  name: "activate",
  usage: "activate (--qr 'CODE#SIGNATURE' | --code CODE) [--version 3.0|3.1|3.2|3.3] [--otp OTP] [--name NAME] [--platform ios|android] [--device-info TEXT] [--app-config MOBILE_SDK_CONFIG]",
  createsState: true,
  options: {
    qr: { type: "string" },
    code: { type: "string" },
    version: { type: "string" },
    otp: { type: "string" },
    name: { type: "string" },
    platform: { type: "string" },
    "device-info": { type: "string" },
  },
  async run(client, values) {
    const qr = optionalString(values, "qr");
    const code = optionalString(values, "code");
    if (Boolean(qr) === Boolean(code)) throw new UsageError("Give exactly one of --qr or --code");
    const version = (optionalString(values, "version") ?? "3.3") as ProtocolVersion;
    if (!PROTOCOL_VERSIONS.includes(version)) throw new UsageError(`--version must be one of ${PROTOCOL_VERSIONS.join(", ")}`);
    const otp = optionalString(values, "otp");
    const name = optionalString(values, "name");
    const platform = optionalString(values, "platform");
    const deviceInfo = optionalString(values, "device-info");
    const result = await client.activate({
      ...(qr ? { qr } : { code: code! }),
      version,
      ...(otp ? { otp } : {}),
      ...(name ? { name } : {}),
      ...(platform ? { platform } : {}),
      ...(deviceInfo ? { deviceInfo } : {}),
    });
    return { ...result, version };
  },
};
