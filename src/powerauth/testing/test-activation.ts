/**
 * A complete activation made through the real device and server code (powerauth-protocol.md §7),
 * for device-side tests and the benchmark. No vitest here, so `bench/` can run it under tsx.
 * Not used by production code.
 */
import { generateActivationCode } from "../activation/activation-code";
import { computeMasterSecret, deriveActivationKeys } from "../activation/activation-keys";
import { generateApplicationVersionCredentials, generateMasterKeyPair } from "../activation/application-keys";
import {
  type ActivationKeyExchange,
  buildActivationResponse,
  completeActivationKeyExchange,
  decryptActivationLayer1,
  processActivationLayer2,
} from "../activation/key-exchange";
import { toBase64 } from "../core/encoding";
import { type EcKeyPair, generateKeyPair } from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";
import { createActivationRequest, finishActivation } from "../device/create-activation";
import type { DeviceActivation, DeviceAppConfig } from "../device/device-state";
import type { DeviceTemporaryKey } from "../device/temporary-keys";
import { type EciesRequestPayload, type EciesResponsePayload, parseEciesRequest } from "../ecies/ecies-wire";

/** The activation ID every test activation gets. */
export const TEST_ACTIVATION_ID = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";

export interface ServerKeyExchangeInput {
  app: { applicationKey: string; applicationSecret: string };
  version: ProtocolVersion;
  /** The master private key (3.0–3.2) or the application-scope temporary private key (3.3). */
  privateKey: Buffer;
  /** The device's layer-1 request body. */
  body: EciesRequestPayload;
  now: number;
}

/** The server's whole side of one key exchange (§7.2), minus the caller's database look-ups. */
export function serverKeyExchange(input: ServerKeyExchangeInput): { exchange: ActivationKeyExchange; response: EciesResponsePayload } {
  const options = {
    applicationKey: input.app.applicationKey,
    applicationSecret: input.app.applicationSecret,
    privateKey: input.privateKey,
    now: input.now,
  };
  const layer1 = decryptActivationLayer1(parseEciesRequest(input.body, input.version), options);
  const layer2 = processActivationLayer2(layer1, options);
  const exchange = completeActivationKeyExchange({ activationId: TEST_ACTIVATION_ID, devicePublicKey: layer2.request.devicePublicKey });
  const response = buildActivationResponse(layer1, layer2, {
    activationId: TEST_ACTIVATION_ID,
    serverPublicKey: exchange.serverKeyPair.publicKey,
    ctrData: exchange.ctrData,
    now: input.now,
  });
  return { exchange, response };
}

export interface TestActivation {
  app: DeviceAppConfig;
  master: EcKeyPair;
  server: EcKeyPair;
  transportKey: Buffer;
  /** The server's CTR_DATA right after activation. */
  ctrData: Buffer;
  activation: DeviceActivation;
}

export function createTestActivation(version: ProtocolVersion, now: number): TestActivation {
  const master = generateMasterKeyPair();
  const app: DeviceAppConfig = { ...generateApplicationVersionCredentials(), masterServerPublicKey: toBase64(master.publicKey) };
  const temporary = generateKeyPair();
  const temporaryKey: DeviceTemporaryKey = {
    keyId: "9a1f3b52-6c7d-4e8f-a0b1-c2d3e4f5a6b7",
    publicKey: toBase64(temporary.publicKey),
    applicationKey: app.applicationKey,
    expiresAtMs: now + 300_000,
  };
  const { body, pending } = createActivationRequest({
    app,
    version,
    activationCode: generateActivationCode(),
    ...(version === "3.3" ? { temporaryKey } : {}),
    now,
  });
  const privateKey = version === "3.3" ? temporary.privateKey : master.privateKey;
  const { exchange, response } = serverKeyExchange({ app, version, privateKey, body, now });
  const { activation } = finishActivation(pending, response);
  const keys = deriveActivationKeys(computeMasterSecret(exchange.serverKeyPair.privateKey, exchange.devicePublicKey));
  return { app, master, server: exchange.serverKeyPair, transportKey: keys.transport, ctrData: exchange.ctrData, activation };
}
