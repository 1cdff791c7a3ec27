import { describe, expect, it } from "vitest";

import { fromBase64, fromBase64Url, toBase64, toBase64Url, utf8 } from "../core/encoding";
import { decodeJws, encodeJws } from "../core/jwt";
import { ecdsaSignJose, generateKeyPair, hmacSha256, randomBytes } from "../core/primitives";
import type { DeviceActivation, DeviceAppConfig } from "../device/device-state";
import { acceptTemporaryKeyResponse, createTemporaryKeyRequest, isTemporaryKeyUsable } from "../device/temporary-keys";
import { expectPowerAuthError } from "../testing/test-helpers";
import { clientEncryptEciesRequest } from "./ecies-client";
import { ECIES_SHARED_INFO_1 } from "./ecies-core";
import { serverDecryptEciesRequest } from "./ecies-server";
import { parseEciesRequest } from "./ecies-wire";
import { issueTemporaryKey, parseTemporaryKeyRequest, verifyTemporaryKeyRequest } from "./temporary-key";

const NOW = 1_723_109_505_000;
const master = generateKeyPair();
const server = generateKeyPair();
const app: DeviceAppConfig = {
  applicationKey: toBase64(randomBytes(16)),
  applicationSecret: toBase64(randomBytes(16)),
  masterServerPublicKey: toBase64(master.publicKey),
};
const transport = randomBytes(16);
const activation: DeviceActivation = {
  version: "3.3",
  app,
  activationId: "036CC14B-E4F8-4B01-A825-5129832ACDDB",
  devicePrivateKey: toBase64(randomBytes(32)),
  devicePublicKey: toBase64(generateKeyPair().publicKey),
  serverPublicKey: toBase64(server.publicKey),
  keys: { possession: "", knowledge: "", biometry: "", transport: toBase64(transport) },
  ctrData: toBase64(randomBytes(16)),
  counter: 0,
};

function serverSide(jwt: string, scope: "application" | "activation", now = NOW) {
  const parsed = parseTemporaryKeyRequest(jwt);
  const verified = verifyTemporaryKeyRequest(parsed, {
    applicationSecret: app.applicationSecret,
    ...(scope === "activation" ? { transportKey: transport } : {}),
  });
  return issueTemporaryKey(verified, { signingPrivateKey: scope === "application" ? master.privateKey : server.privateKey, now });
}

describe("temporary keys (§6)", () => {
  it("application scope: SDK-shaped request, verified, issued with all claims, accepted by the device", () => {
    const { body, pending } = createTemporaryKeyRequest(app);
    expect(body.requestObject.jwt.startsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.")).toBe(true);
    expect(fromBase64(pending.challenge, "challenge")).toHaveLength(18);
    const parsed = parseTemporaryKeyRequest(body.requestObject.jwt);
    expect(parsed.applicationKey).toBe(app.applicationKey);
    expect(parsed.activationId).toBeNull();
    const issued = serverSide(body.requestObject.jwt, "application");
    expect(issued.expiresAt).toBe(NOW + 300_000);
    const response = decodeJws(issued.jwt);
    expect(response.header).toEqual({ alg: "ES256", typ: "JWT" });
    expect(response.payload).toEqual({
      sub: issued.keyId,
      applicationKey: app.applicationKey,
      challenge: pending.challenge,
      publicKey: toBase64(issued.publicKey),
      iat: Math.floor(NOW / 1000),
      exp: Math.floor((NOW + 300_000) / 1000),
      iat_ms: NOW,
      exp_ms: NOW + 300_000,
    });
    expect(response.signature).toHaveLength(64);
    const key = acceptTemporaryKeyResponse(issued.jwt, pending, { app, now: NOW + 10 });
    expect(key).toEqual({
      keyId: issued.keyId,
      publicKey: toBase64(issued.publicKey),
      applicationKey: app.applicationKey,
      expiresAtMs: NOW + 300_000,
    });
    expect(isTemporaryKeyUsable(key, NOW)).toBe(true);
    expect(isTemporaryKeyUsable(key, NOW + 295_000)).toBe(false);

    // ECIES 3.3 to the temporary key
    const { request } = clientEncryptEciesRequest(utf8("{}"), {
      ...app,
      version: "3.3",
      sharedInfo1: ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC,
      serverPublicKey: fromBase64(key.publicKey),
      temporaryKeyId: key.keyId,
      now: NOW,
    });
    const parsedRequest = parseEciesRequest(request, "3.3");
    expect(parsedRequest.temporaryKeyId).toBe(issued.keyId);
    const decrypted = serverDecryptEciesRequest(parsedRequest, {
      ...app,
      sharedInfo1: ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC,
      privateKey: issued.privateKey,
      now: NOW,
    });
    expect(decrypted.plaintext.toString()).toBe("{}");
  });

  it("activation scope: HS256 key KDF_INTERNAL(transport, secret), signed by the server key", () => {
    const { body, pending } = createTemporaryKeyRequest(app, activation);
    const parsed = parseTemporaryKeyRequest(body.requestObject.jwt);
    expect(parsed.activationId).toBe(activation.activationId);
    const issued = serverSide(body.requestObject.jwt, "activation");
    expect(decodeJws(issued.jwt).payload.activationId).toBe(activation.activationId);
    const key = acceptTemporaryKeyResponse(issued.jwt, pending, { app, activation, now: NOW });
    expect(key.activationId).toBe(activation.activationId);
    // signed by the master key instead of the activation's server key: refused
    const wrongSigner = issueTemporaryKey(verifyTemporaryKeyRequest(parsed, { applicationSecret: app.applicationSecret, transportKey: transport }), {
      signingPrivateKey: master.privateKey,
      now: NOW,
    });
    expectPowerAuthError(() => acceptTemporaryKeyResponse(wrongSigner.jwt, pending, { app, activation, now: NOW }), "INVALID_JWT");
  });

  it("server rejects bad request signatures, wrong keys and malformed JWTs", () => {
    const appJwt = createTemporaryKeyRequest(app).body.requestObject.jwt;
    const actJwt = createTemporaryKeyRequest(app, activation).body.requestObject.jwt;
    const parsedApp = parseTemporaryKeyRequest(appJwt);
    const parsedAct = parseTemporaryKeyRequest(actJwt);
    expectPowerAuthError(() => verifyTemporaryKeyRequest(parsedApp, { applicationSecret: toBase64(randomBytes(16)) }), "INVALID_JWT");
    expectPowerAuthError(() => verifyTemporaryKeyRequest(parsedAct, { applicationSecret: app.applicationSecret, transportKey: randomBytes(16) }), "INVALID_JWT");
    expectPowerAuthError(() => verifyTemporaryKeyRequest(parsedAct, { applicationSecret: app.applicationSecret }), "INVALID_KEY");
    expectPowerAuthError(() => verifyTemporaryKeyRequest(parsedApp, { applicationSecret: app.applicationSecret, transportKey: transport }), "INVALID_KEY");
    // activation-scope JWT verified as app scope would need the secret alone: it does not verify
    const [h, p, s] = actJwt.split(".") as [string, string, string];
    const claims = JSON.parse(fromBase64Url(p).toString());
    const tampered = `${h}.${toBase64Url(utf8(JSON.stringify({ ...claims, challenge: toBase64(randomBytes(18)) })))}.${s}`;
    expectPowerAuthError(
      () => verifyTemporaryKeyRequest(parseTemporaryKeyRequest(tampered), { applicationSecret: app.applicationSecret, transportKey: transport }),
      "INVALID_JWT",
    );
    const secret = fromBase64(app.applicationSecret);
    const sign = (header: object, payload: object) => encodeJws(header as never, payload as never, (i) => hmacSha256(secret, i));
    const good = { applicationKey: app.applicationKey, challenge: toBase64(randomBytes(18)) };
    expect(() => parseTemporaryKeyRequest(sign({ alg: "HS256" }, good))).not.toThrow();
    expectPowerAuthError(() => parseTemporaryKeyRequest(sign({ alg: "none", typ: "JWT" }, good)), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest(sign({ alg: "HS256", typ: "JOSE" }, good)), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest(sign({ alg: "HS256" }, { ...good, applicationKey: "x" })), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest(sign({ alg: "HS256" }, { ...good, challenge: 1 })), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest(sign({ alg: "HS256" }, { ...good, activationId: "no" })), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest("a.b"), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest("***.***.***"), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest(`${toBase64Url(utf8("not json"))}.e30.`), "INVALID_JWT");
    expectPowerAuthError(() => parseTemporaryKeyRequest(42), "INVALID_JWT");
  });

  it("device rejects a response with a wrong signature, claims, header or expiry", () => {
    const { body, pending } = createTemporaryKeyRequest(app);
    const issued = serverSide(body.requestObject.jwt, "application");
    const claims = decodeJws(issued.jwt).payload;
    const resign = (header: object, payload: object, key = master.privateKey) =>
      encodeJws(header as never, payload as never, (i) => ecdsaSignJose(key, i));
    const es = { alg: "ES256", typ: "JWT" };
    const accept = (jwt: string, now = NOW) => acceptTemporaryKeyResponse(jwt, pending, { app, now });
    expect(accept(resign(es, claims)).keyId).toBe(issued.keyId);
    expectPowerAuthError(() => accept(resign(es, claims, generateKeyPair().privateKey)), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign({ alg: "ES256", typ: "JOSE" }, claims)), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign({ alg: "ES256" }, claims)), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign({ alg: "HS256", typ: "JWT" }, claims)), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign(es, { ...claims, challenge: "other" })), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign(es, { ...claims, applicationKey: toBase64(randomBytes(16)) })), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign(es, { ...claims, activationId: activation.activationId })), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign(es, { ...claims, exp_ms: undefined })), "INVALID_JWT");
    expectPowerAuthError(() => accept(resign(es, { ...claims, publicKey: toBase64(randomBytes(65)) })), "INVALID_POINT");
    expectPowerAuthError(() => accept(issued.jwt, NOW + 300_000), "TIMESTAMP_EXPIRED");
    const [h, p] = issued.jwt.split(".");
    expectPowerAuthError(() => accept(`${h}.${p}.${toBase64Url(randomBytes(64))}`), "INVALID_JWT");
  });
});
