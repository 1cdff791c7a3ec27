import { describe, expect, it } from "vitest";

import { decodePrivateKeyBase64 } from "../activation/application-keys";
import { toBase64 } from "../core/encoding";
import type { ProtocolVersion } from "../core/protocol-version";
import { b64, loadVectors } from "../testing/test-helpers";
import { type EciesClientContext, clientDecryptEciesResponse } from "./ecies-client";
import { type EciesSharedInfo1, associatedData, deriveEnvelope, eciesScopeOf, sharedInfo1Bytes, sharedInfo2Base } from "./ecies-core";
import { serverDecryptEciesRequest, serverEncryptEciesResponse } from "./ecies-server";
import { parseEciesRequest } from "./ecies-wire";

interface VectorFile {
  shared: {
    protocolVersion: ProtocolVersion;
    masterServerPrivateKey: string;
    serverPrivateKey: string;
    activationId: string;
    applicationKey: string;
    applicationSecret: string;
    transportKey: string;
  };
  data: {
    encryptorId: string;
    sharedInfo1: EciesSharedInfo1;
    scope: "application" | "activation";
    plainRequestData: string;
    plainResponseData: string;
    associatedData: string;
    envelopeKey: string;
    request: Record<string, unknown> & { timestamp: number; nonce: string; temporaryKeyId: string | null };
    response: { encryptedData: string; mac: string; nonce: string; timestamp: number };
  }[];
}

for (const file of ["ecies-v3.2-sdk-vectors.json", "ecies-v3.3-sdk-vectors.json"]) {
  const { shared, data } = loadVectors<VectorFile>(`extracted/${file}`);
  const version = shared.protocolVersion;
  const scopeInput = (scope: "application" | "activation") => ({
    applicationKey: shared.applicationKey,
    applicationSecret: shared.applicationSecret,
    ...(scope === "activation"
      ? { activation: { activationId: shared.activationId, transportKey: b64(shared.transportKey) } }
      : {}),
  });
  const privateKeyFor = (scope: "application" | "activation") =>
    decodePrivateKeyBase64(scope === "application" ? shared.masterServerPrivateKey : shared.serverPrivateKey);

  describe(`ECIES ${version} SDK vectors (${file})`, () => {
    it("has 16 items covering every SharedInfo1 constant with its §5.1 scope", () => {
      expect(data).toHaveLength(16);
      for (const item of data) expect(eciesScopeOf(item.sharedInfo1)).toBe(item.scope);
    });

    it("derives the envelope key and the associated data of every item", () => {
      for (const item of data) {
        const ephemeral = b64(item.request.ephemeralPublicKey as string);
        const envelope = deriveEnvelope(privateKeyFor(item.scope), ephemeral, sharedInfo1Bytes(version, item.sharedInfo1), ephemeral);
        expect(toBase64(Buffer.concat([envelope.encKey, envelope.macKey, envelope.ivKey]))).toBe(item.envelopeKey);
        const ad = associatedData(version, item.scope, scopeInput(item.scope), item.request.temporaryKeyId);
        expect(toBase64(ad!)).toBe(item.associatedData);
      }
    });

    it("server decrypts every request and re-creates every response byte for byte", () => {
      for (const item of data) {
        const request = parseEciesRequest(JSON.stringify(item.request), version);
        const result = serverDecryptEciesRequest(request, {
          ...scopeInput(item.scope),
          sharedInfo1: item.sharedInfo1,
          privateKey: privateKeyFor(item.scope),
          now: item.request.timestamp + 1_000,
        });
        expect(toBase64(result.plaintext)).toBe(item.plainRequestData);
        const response = serverEncryptEciesResponse(result.context, b64(item.plainResponseData), {
          now: item.response.timestamp + 5,
          nonce: b64(item.response.nonce),
          timestamp: item.response.timestamp,
        });
        expect(response).toEqual(item.response);
      }
    });

    it("device decrypts every vector response", () => {
      for (const item of data) {
        const envelope = b64(item.envelopeKey);
        const context: EciesClientContext = {
          version,
          sharedInfo1: item.sharedInfo1,
          scope: item.scope,
          encKey: toBase64(envelope.subarray(0, 16)),
          macKey: toBase64(envelope.subarray(16, 32)),
          ivKey: toBase64(envelope.subarray(32, 48)),
          sh2Base: toBase64(sharedInfo2Base(item.scope, scopeInput(item.scope))),
          associatedData: item.associatedData,
          requestNonce: item.request.nonce,
        };
        expect(toBase64(clientDecryptEciesResponse(context, item.response))).toBe(item.plainResponseData);
      }
    });
  });
}
