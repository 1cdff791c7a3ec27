/**
 * Shared helpers for the unit tests of `src/powerauth`: loading vector files, expecting a
 * `PowerAuthError` with a given code, and making a real activation for device-side tests.
 * Not used by production code.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { expect } from "vitest";

import { buildActivationResponse, completeActivationKeyExchange, decryptActivationLayer1, processActivationLayer2 } from "../activation/key-exchange";
import { generateActivationCode } from "../activation/activation-code";
import { computeMasterSecret, deriveActivationKeys } from "../activation/activation-keys";
import { generateApplicationVersionCredentials, generateMasterKeyPair } from "../activation/application-keys";
import { createActivationRequest, finishActivation } from "../device/create-activation";
import type { DeviceActivation, DeviceAppConfig } from "../device/device-state";
import type { DeviceTemporaryKey } from "../device/temporary-keys";
import { type PowerAuthErrorCode, PowerAuthError } from "../core/errors";
import { parseEciesRequest } from "../ecies/ecies-wire";
import { toBase64 } from "../core/encoding";
import { type EcKeyPair, generateKeyPair } from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";

/** Reads a JSON file under `test-vectors/`. */
export function loadVectors<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./test-vectors/${path}`, import.meta.url)), "utf8")) as T;
}

/** Runs `action` and expects a `PowerAuthError` with exactly `code`. */
export function expectPowerAuthError(action: () => unknown, code: PowerAuthErrorCode): PowerAuthError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected PowerAuthError ${code}`).toBeInstanceOf(PowerAuthError);
  expect((caught as PowerAuthError).code).toBe(code);
  return caught as PowerAuthError;
}

export const b64 = (text: string): Buffer => Buffer.from(text, "base64");

// ---------------------------------------------------------------------------------------------
// A complete activation made through the real device and server code, for device-side tests.
// ---------------------------------------------------------------------------------------------


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
  const options = {
    applicationKey: app.applicationKey,
    applicationSecret: app.applicationSecret,
    privateKey: version === "3.3" ? temporary.privateKey : master.privateKey,
    now,
  };
  const layer1 = decryptActivationLayer1(parseEciesRequest(body, version), options);
  const layer2 = processActivationLayer2(layer1, options);
  const activationId = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
  const exchange = completeActivationKeyExchange({ activationId, devicePublicKey: layer2.request.devicePublicKey });
  const response = buildActivationResponse(layer1, layer2, {
    activationId,
    serverPublicKey: exchange.serverKeyPair.publicKey,
    ctrData: exchange.ctrData,
    now,
  });
  const { activation } = finishActivation(pending, response);
  const keys = deriveActivationKeys(computeMasterSecret(exchange.serverKeyPair.privateKey, exchange.devicePublicKey));
  return { app, master, server: exchange.serverKeyPair, transportKey: keys.transport, ctrData: exchange.ctrData, activation };
}
