import { describe, expect, it } from "vitest";

import { toBase64, utf8 } from "../core/encoding";
import { generateKeyPair } from "../core/primitives";
import { PROTOCOL_VERSIONS } from "../core/protocol-version";
import { clientDecryptEciesResponse } from "../ecies/ecies-client";
import { ECIES_SHARED_INFO_1 } from "../ecies/ecies-core";
import { parseEncryptionHeader } from "../ecies/ecies-header";
import { serverDecryptEciesRequest, serverEncryptEciesResponse } from "../ecies/ecies-server";
import { parseEciesRequest } from "../ecies/ecies-wire";
import { createTestActivation } from "../testing/test-activation";
import { expectPowerAuthError } from "../testing/test-helpers";
import { encryptActivationRequest, encryptApplicationRequest } from "./encrypt-request";
import type { DeviceTemporaryKey } from "./temporary-keys";

const NOW = 1_730_000_000_000;

describe("device ECIES client (activation scope with the transport key)", () => {
  for (const version of PROTOCOL_VERSIONS) {
    it(`${version}: token-create style request and response`, () => {
      const t = createTestActivation(version, NOW);
      const temp = generateKeyPair();
      const temporaryKey: DeviceTemporaryKey = {
        keyId: "2f1e4c3a-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
        publicKey: toBase64(temp.publicKey),
        applicationKey: t.app.applicationKey,
        activationId: t.activation.activationId,
        expiresAtMs: NOW + 60_000,
      };
      const sent = encryptActivationRequest(t.activation, ECIES_SHARED_INFO_1.CREATE_TOKEN, utf8("{}"), {
        now: NOW,
        ...(version === "3.3" ? { temporaryKey } : {}),
      });
      const header = parseEncryptionHeader(sent.encryptionHeader, "activation");
      expect(header).toEqual({ applicationKey: t.app.applicationKey, version, activationId: t.activation.activationId });
      const result = serverDecryptEciesRequest(parseEciesRequest(sent.body, header.version), {
        applicationKey: t.app.applicationKey,
        applicationSecret: t.app.applicationSecret,
        activation: { activationId: header.activationId!, transportKey: t.transportKey },
        sharedInfo1: ECIES_SHARED_INFO_1.CREATE_TOKEN,
        privateKey: version === "3.3" ? temp.privateKey : t.server.privateKey,
        now: NOW,
      });
      expect(result.plaintext.toString()).toBe("{}");
      const response = serverEncryptEciesResponse(result.context, utf8('{"tokenId":"x"}'), { now: NOW });
      expect(clientDecryptEciesResponse(sent.context, response).toString()).toBe('{"tokenId":"x"}');
    });
  }

  it("checks scopes and temporary keys", () => {
    const t = createTestActivation("3.3", NOW);
    const appKey: DeviceTemporaryKey = {
      keyId: "2f1e4c3a-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
      publicKey: toBase64(generateKeyPair().publicKey),
      applicationKey: t.app.applicationKey,
      expiresAtMs: NOW + 60_000,
    };
    expectPowerAuthError(() => encryptActivationRequest(t.activation, ECIES_SHARED_INFO_1.VAULT_UNLOCK, utf8("{}"), { now: NOW }), "INVALID_KEY");
    // an application-scope key cannot be used in activation scope
    expectPowerAuthError(
      () => encryptActivationRequest(t.activation, ECIES_SHARED_INFO_1.VAULT_UNLOCK, utf8("{}"), { now: NOW, temporaryKey: appKey }),
      "INVALID_KEY",
    );
    expectPowerAuthError(
      () => encryptActivationRequest(t.activation, ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC, utf8("{}"), { now: NOW }),
      "INVALID_FORMAT",
    );
    expectPowerAuthError(
      () => encryptApplicationRequest(t.app, "3.2", ECIES_SHARED_INFO_1.UPGRADE, utf8("{}"), { now: NOW }),
      "INVALID_FORMAT",
    );
    const sent = encryptApplicationRequest(t.app, "3.3", ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC, utf8("{}"), { now: NOW, temporaryKey: appKey });
    expect(sent.body.temporaryKeyId).toBe(appKey.keyId);
    expect(parseEncryptionHeader(sent.encryptionHeader, "application").version).toBe("3.3");
  });
});
