/**
 * Test-only fixture: a random but consistent device activation and the server-side view of it
 * (the same signature keys as bytes, the server and master key pairs). Not used by production code.
 */
import { toBase64 } from "../core/encoding";
import { randomUuid } from "../core/identifiers";
import { generateKeyPair, randomBytes } from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";
import type { DeviceActivation } from "../device/device-state";
import type { SignatureKeys } from "../signature/signature";

export interface TestDevice {
  state: DeviceActivation;
  server: {
    keys: Required<SignatureKeys>;
    ctrData: Buffer;
    applicationSecret: string;
    serverPrivateKey: Buffer;
    masterPrivateKey: Buffer;
  };
}

export function createTestDevice(version: ProtocolVersion = "3.3"): TestDevice {
  const keys = { possession: randomBytes(16), knowledge: randomBytes(16), biometry: randomBytes(16) };
  const ctrData = randomBytes(16);
  const master = generateKeyPair();
  const server = generateKeyPair();
  const device = generateKeyPair();
  const applicationSecret = toBase64(randomBytes(16));
  return {
    state: {
      version,
      app: { applicationKey: toBase64(randomBytes(16)), applicationSecret, masterServerPublicKey: toBase64(master.publicKey) },
      activationId: randomUuid(),
      devicePrivateKey: toBase64(device.privateKey),
      devicePublicKey: toBase64(device.publicKey),
      serverPublicKey: toBase64(server.publicKey),
      keys: {
        possession: toBase64(keys.possession),
        knowledge: toBase64(keys.knowledge),
        biometry: toBase64(keys.biometry),
        transport: toBase64(randomBytes(16)),
      },
      ctrData: toBase64(ctrData),
      counter: 0,
    },
    server: { keys, ctrData, applicationSecret, serverPrivateKey: server.privateKey, masterPrivateKey: master.privateKey },
  };
}
