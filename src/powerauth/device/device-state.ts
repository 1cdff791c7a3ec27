/**
 * The device side keeps all of its state in plain, JSON-serialisable objects, so a simulator,
 * a test or an integrator can store a "phone" in a file or a database row and resume it later.
 * Every binary value is standard Base64.
 */
import type { MobileSdkConfig } from "../activation/sdk-config";
import type { ProtocolVersion } from "../core/protocol-version";

/** What the mobile app is configured with: the three values inside `mobileSdkConfig` (§2). */
export type DeviceAppConfig = MobileSdkConfig;

/** The derived activation keys the device holds after the key exchange (§8). */
export interface DeviceSignatureKeys {
  possession: string;
  knowledge: string;
  biometry: string;
  transport: string;
}

/** A finished activation on the device. */
export interface DeviceActivation {
  version: ProtocolVersion;
  app: DeviceAppConfig;
  activationId: string;
  devicePrivateKey: string;
  devicePublicKey: string;
  serverPublicKey: string;
  keys: DeviceSignatureKeys;
  /** The hash-based counter the next signature will use (§10.3). */
  ctrData: string;
  /** The numeric counter kept in step with `ctrData` (only its low byte is ever compared). */
  counter: number;
}
