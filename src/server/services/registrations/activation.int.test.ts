/**
 * The mobile side on a real database: the key exchange with every protocol version (the device
 * simulator against the product's own routes, in process), the OTP rules at key exchange, replay
 * protection, temporary keys, the status blob, and the device removing itself.
 */
import { describe, expect, it } from "vitest";

import {
  createActivationRequest,
  createTemporaryKeyRequest,
  decodeMobileSdkConfig,
  PROTOCOL_VERSIONS,
  type ProtocolVersion,
} from "@/powerauth/device";
import { db } from "@/server/db";
import {
  makeActiveRegistration,
  makeApplication,
  makeDevice,
  makeRegistration,
  restoreDevice,
  testActor,
  TEST_OTP,
} from "@/server/testing/factories";

import { setApplicationProtocolSettings } from "../applications/set-application-protocol-settings";
import { setApplicationVersionSupport } from "../applications/set-application-version-support";
import { createActivation } from "./create-activation";
import { createTemporaryKey } from "./create-temporary-key";
import { getActivationStatus } from "./get-activation-status";
import { verifyOnlineSignature } from "./verify-online-signature";

const rowOf = (id: string) => db.registration.findUniqueOrThrow({ where: { id } });

/** A signed request the server checks, as a signed endpoint would. */
async function signatureIsValid(device: ReturnType<typeof makeDevice>, factors: "possession" | "possession_knowledge" = "possession_knowledge") {
  const body = '{"ping":1}';
  const headers = device.signHeaders({ method: "POST", uriId: "/pa/signature/validate", body, factors });
  const outcome = await verifyOnlineSignature({ authHeader: headers["X-PowerAuth-Authorization"]!, method: "POST", uriId: "/pa/signature/validate", body: Buffer.from(body), applicationId: null });
  return outcome.valid;
}


/** Allows only these protocol versions, through the console's service, the other settings kept at the defaults. */
const setProtocolVersions = (id: string, allowedProtocolVersions: ("3.0" | "3.1" | "3.2" | "3.3")[]) =>
  setApplicationProtocolSettings({ actor: testActor, id, settings: { activationValiditySeconds: 300, maxFailedAttempts: 5, signatureLookAhead: 20, allowedProtocolVersions } });

describe("key exchange", () => {
  for (const version of PROTOCOL_VERSIONS) {
    it(`activates with protocol ${version}: PENDING_COMMIT, keys in step with the server, fingerprint, status blob`, async () => {
      const { registrationId, device, fingerprint } = await makeActiveRegistration({ version, commit: false });
      const row = await rowOf(registrationId);
      expect(row).toMatchObject({ status: "PENDING_COMMIT", protocolVersion: version, fingerprint, counter: 0n, failedAttempts: 0, name: "Simulated device", platform: "unknown" });
      expect(fingerprint).toMatch(/^\d{8}$/);
      expect(Buffer.from(row.devicePublicKey!, "base64")).toHaveLength(65);
      expect(device.state.activation!.serverPublicKey).toBe(row.serverPublicKey);
      const status = await device.status();
      expect(status).toMatchObject({ activationId: registrationId, state: "PENDING_COMMIT", failedAttempts: 0, maxFailedAttempts: 5 });
      expect(status.counterSync).toBe("OK");
    });
  }

  it("refuses an unknown code, a used code and an expired registration with ERR_ACTIVATION", async () => {
    const app = await makeApplication();
    const registration = await makeRegistration({ app });
    const device = makeDevice(app.mobileSdkConfig);
    await device.activate({ qr: registration.activationQrCodeData, version: "3.2" });
    // The same code again (a second phone): the registration is no longer CREATED.
    await expect(makeDevice(app.mobileSdkConfig).activate({ qr: registration.activationQrCodeData, version: "3.2" })).rejects.toMatchObject({
      status: 400,
      body: { status: "ERROR", responseObject: { code: "ERR_ACTIVATION", message: "POWER_AUTH_ACTIVATION_INVALID" } },
    });
    // A code of another application.
    const foreign = await makeRegistration();
    await expect(makeDevice(app.mobileSdkConfig).activate({ code: foreign.activationCode, version: "3.2" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    // An expired registration.
    const late = await makeRegistration({ app });
    await db.$executeRaw`UPDATE registration SET expires_at = now() - interval '1 second' WHERE id = ${late.registrationId}::uuid`;
    await expect(makeDevice(app.mobileSdkConfig).activate({ qr: late.activationQrCodeData, version: "3.3" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    expect((await rowOf(late.registrationId)).status).toBe("CREATED");
  });

  it("takes a typed code as the user types it (auto-corrected), without the QR signature", async () => {
    const { app, activationCode, registrationId } = await makeRegistration();
    await makeDevice(app.mobileSdkConfig).activate({ code: activationCode.toLowerCase(), version: "3.1" });
    expect((await rowOf(registrationId)).status).toBe("PENDING_COMMIT");
  });

  it("refuses protocol versions the application does not allow, and unsupported application versions", async () => {
    const app = await makeApplication();
    await setProtocolVersions(app.id, ["3.2", "3.3"]);
    const old = await makeRegistration({ app });
    await expect(makeDevice(app.mobileSdkConfig).activate({ qr: old.activationQrCodeData, version: "3.1" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    await makeDevice(app.mobileSdkConfig).activate({ qr: old.activationQrCodeData, version: "3.2" });

    const other = await makeApplication();
    const registration = await makeRegistration({ app: other });
    await setApplicationVersionSupport({ actor: testActor, id: other.id, versionName: "default", supported: false, acknowledgeNoneSupported: true });
    await expect(makeDevice(other.mobileSdkConfig).activate({ qr: registration.activationQrCodeData, version: "3.2" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    // 3.3 fails earlier: no temporary key for an unsupported version.
    await expect(makeDevice(other.mobileSdkConfig).activate({ qr: registration.activationQrCodeData, version: "3.3" })).rejects.toMatchObject({ code: "ERR_TEMPORARY_KEY" });
  });

  it("refuses a replayed request, even when the first one failed", async () => {
    const { app, activationQrCodeData, registrationId } = await makeRegistration();
    const request = createActivationRequest({ app: decodeMobileSdkConfig(app.mobileSdkConfig), version: "3.2", activationCode: activationQrCodeData, now: Date.now() });
    await createActivation({ encryptionHeader: request.encryptionHeader, body: request.body });
    await expect(createActivation({ encryptionHeader: request.encryptionHeader, body: request.body })).rejects.toMatchObject({ code: "ERR_ENCRYPTION" });
    expect((await rowOf(registrationId)).status).toBe("PENDING_COMMIT");

    // 3.1 has no timestamp, but its unique value is remembered all the same.
    const unknown = createActivationRequest({ app: decodeMobileSdkConfig(app.mobileSdkConfig), version: "3.1", activationCode: "AAAAA-AAAAA-AAAAA-AAAAA", now: Date.now() });
    await expect(createActivation({ encryptionHeader: unknown.encryptionHeader, body: unknown.body })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    await expect(createActivation({ encryptionHeader: unknown.encryptionHeader, body: unknown.body })).rejects.toMatchObject({ code: "ERR_ENCRYPTION" });
  });

  it("refuses envelopes that do not open: no or wrong header, a tampered MAC, a stale timestamp", async () => {
    const { app, activationQrCodeData } = await makeRegistration();
    const config = decodeMobileSdkConfig(app.mobileSdkConfig);
    const request = createActivationRequest({ app: config, version: "3.2", activationCode: activationQrCodeData, now: Date.now() });
    await expect(createActivation({ encryptionHeader: undefined, body: request.body })).rejects.toMatchObject({ code: "ERR_ENCRYPTION" });
    await expect(createActivation({ encryptionHeader: `${request.encryptionHeader}, activation_id="1b4e28ba-2fa1-41d2-883f-0016d3cca427"`, body: request.body })).rejects.toMatchObject({
      code: "ERR_ENCRYPTION",
    });
    const tampered = { ...request.body, mac: Buffer.alloc(32, 7).toString("base64") };
    await expect(createActivation({ encryptionHeader: request.encryptionHeader, body: tampered })).rejects.toMatchObject({ code: "ERR_ENCRYPTION" });
    const stale = createActivationRequest({ app: config, version: "3.2", activationCode: activationQrCodeData, now: Date.now() - 10 * 60_000 });
    await expect(createActivation({ encryptionHeader: stale.encryptionHeader, body: stale.body })).rejects.toMatchObject({ code: "ERR_ENCRYPTION" });
    // 3.2 fields in a 3.3 request (no temporaryKeyId).
    const header33 = request.encryptionHeader.replace('version="3.2"', 'version="3.3"');
    await expect(createActivation({ encryptionHeader: header33, body: request.body })).rejects.toMatchObject({ code: "ERR_ENCRYPTION" });
    // And the right one still works afterwards.
    await createActivation({ encryptionHeader: request.encryptionHeader, body: request.body });
  });

  it("refuses device details the server cannot store (a NUL character) without an error 500", async () => {
    const { app, activationQrCodeData, registrationId } = await makeRegistration();
    await expect(makeDevice(app.mobileSdkConfig).activate({ qr: activationQrCodeData, version: "3.3", name: "bad\u0000name" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    expect((await rowOf(registrationId)).status).toBe("CREATED");
  });
});

describe("activation OTP at key exchange", () => {
  it("ON_KEY_EXCHANGE: a wrong OTP counts and leaves it CREATED, a missing one is refused uncounted, the right one activates", async () => {
    const { app, activationQrCodeData, registrationId } = await makeRegistration({ otpValidation: "ON_KEY_EXCHANGE" });
    const device = makeDevice(app.mobileSdkConfig);
    await expect(device.activate({ qr: activationQrCodeData, version: "3.3", otp: "wrong-otp" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    expect(await rowOf(registrationId)).toMatchObject({ status: "CREATED", failedAttempts: 1 });
    await expect(device.activate({ qr: activationQrCodeData, version: "3.3" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    expect(await rowOf(registrationId)).toMatchObject({ status: "CREATED", failedAttempts: 1 });
    await device.activate({ qr: activationQrCodeData, version: "3.3", otp: TEST_OTP });
    expect(await rowOf(registrationId)).toMatchObject({ status: "ACTIVE", failedAttempts: 0 });
    expect((await device.status()).state).toBe("ACTIVE");
    expect(await signatureIsValid(device)).toBe(true);
  });

  it("ON_KEY_EXCHANGE: the maximum of wrong OTPs removes the registration", async () => {
    const { app, activationQrCodeData, registrationId } = await makeRegistration({ otpValidation: "ON_KEY_EXCHANGE" });
    const device = makeDevice(app.mobileSdkConfig);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expect(device.activate({ qr: activationQrCodeData, version: "3.2", otp: `wrong-${attempt}` })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
    }
    expect((await rowOf(registrationId)).status).toBe("REMOVED");
    const last = await db.registrationHistory.findFirstOrThrow({ where: { registrationId }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ fromStatus: "CREATED", toStatus: "REMOVED", reason: "OTP_MAX_FAILED_ATTEMPTS", actorType: "DEVICE" });
    await expect(device.activate({ qr: activationQrCodeData, version: "3.2", otp: TEST_OTP })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
  });

  it("ON_COMMIT and NONE: an OTP sent at key exchange is refused and not counted", async () => {
    for (const otpValidation of ["ON_COMMIT", "NONE"] as const) {
      const { app, activationQrCodeData, registrationId } = await makeRegistration({ otpValidation });
      const device = makeDevice(app.mobileSdkConfig);
      await expect(device.activate({ qr: activationQrCodeData, version: "3.3", otp: TEST_OTP })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
      expect(await rowOf(registrationId)).toMatchObject({ status: "CREATED", failedAttempts: 0 });
      await device.activate({ qr: activationQrCodeData, version: "3.3" });
      expect((await rowOf(registrationId)).status).toBe("PENDING_COMMIT");
    }
  });
});

describe("temporary keys (3.3)", () => {
  it("issues application- and activation-scope keys and refuses expired, foreign and mis-signed ones", async () => {
    const { app, activationQrCodeData, registrationId } = await makeRegistration();
    const device = makeDevice(app.mobileSdkConfig);
    const key = await device.temporaryKey("application");
    const stored = await db.temporaryKey.findUniqueOrThrow({ where: { id: key.keyId } });
    expect(stored).toMatchObject({ appKey: decodeMobileSdkConfig(app.mobileSdkConfig).applicationKey, registrationId: null });
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(stored.privateKeyEncrypted).toMatch(/^v1\./);

    await db.$executeRaw`UPDATE temporary_key SET expires_at = now() - interval '1 second' WHERE id = ${key.keyId}::uuid`;
    // The device still believes in its key; the server does not.
    await expect(device.activate({ qr: activationQrCodeData, version: "3.3" })).rejects.toMatchObject({ code: "ERR_TEMPORARY_KEY", body: { responseObject: { message: "POWER_AUTH_TEMPORARY_KEY_FAILURE" } } });
    device.forgetTemporaryKeys();
    await device.activate({ qr: activationQrCodeData, version: "3.3" });

    // A key of another application.
    const other = await makeApplication();
    const foreignKey = await makeDevice(other.mobileSdkConfig).temporaryKey("application");
    const next = await makeRegistration({ app });
    const request = createActivationRequest({
      app: decodeMobileSdkConfig(app.mobileSdkConfig),
      version: "3.3",
      activationCode: next.activationQrCodeData,
      temporaryKey: { ...foreignKey, applicationKey: decodeMobileSdkConfig(app.mobileSdkConfig).applicationKey },
      now: Date.now(),
    });
    await expect(createActivation({ encryptionHeader: request.encryptionHeader, body: request.body })).rejects.toMatchObject({ code: "ERR_TEMPORARY_KEY" });

    // A request signed with the wrong application secret.
    const wrongSecret = { ...decodeMobileSdkConfig(app.mobileSdkConfig), applicationSecret: decodeMobileSdkConfig(other.mobileSdkConfig).applicationSecret };
    await expect(createTemporaryKey({ jwt: createTemporaryKeyRequest(wrongSecret).body.requestObject.jwt })).rejects.toMatchObject({ code: "ERR_TEMPORARY_KEY" });
    await expect(createTemporaryKey({ jwt: "not.a.jwt" })).rejects.toMatchObject({ code: "ERR_TEMPORARY_KEY" });

    // Activation scope: for an ACTIVE (or BLOCKED) registration only.
    expect((await rowOf(registrationId)).status).toBe("PENDING_COMMIT");
    await expect(device.temporaryKey("activation")).rejects.toMatchObject({ code: "ERR_TEMPORARY_KEY" });
  });

  it("binds activation-scope keys to their activation", async () => {
    const { device, registrationId } = await makeActiveRegistration();
    const key = await device.temporaryKey("activation");
    expect((await db.temporaryKey.findUniqueOrThrow({ where: { id: key.keyId } })).registrationId).toBe(registrationId);
    expect(key.activationId).toBe(registrationId);
  });

  it("refuses temporary keys to an application that does not allow 3.3", async () => {
    const app = await makeApplication();
    await setProtocolVersions(app.id, ["3.2"]);
    await expect(makeDevice(app.mobileSdkConfig).temporaryKey("application")).rejects.toMatchObject({ code: "ERR_TEMPORARY_KEY" });
  });
});

describe("activation status and removal by the device", () => {
  it("answers random bytes for unknown or never-activated registrations", async () => {
    const challenge = Buffer.alloc(16, 1).toString("base64");
    const unknown = await getActivationStatus({ activationId: crypto.randomUUID(), challenge });
    expect(Buffer.from(unknown.encryptedStatusBlob, "base64")).toHaveLength(32);
    expect(Buffer.from(unknown.nonce!, "base64")).toHaveLength(16);
    const { registrationId } = await makeRegistration();
    const created = await getActivationStatus({ activationId: registrationId });
    expect(created).not.toHaveProperty("nonce");
    expect(Buffer.from(created.encryptedStatusBlob, "base64")).toHaveLength(32);
    await expect(getActivationStatus({ activationId: registrationId, challenge: "c2hvcnQ=" })).rejects.toMatchObject({ code: "ERR_ACTIVATION" });
  });

  it("reports the counter the server expects: a device behind (a lost state) catches up", async () => {
    const { device } = await makeActiveRegistration({ version: "3.3" });
    const saved = device.state;
    expect(await signatureIsValid(device)).toBe(true);
    expect(await signatureIsValid(device)).toBe(true);
    // The phone restores an older copy of its state: two steps behind the server.
    const restored = restoreDevice(saved);
    const status = await restored.status();
    expect(status).toMatchObject({ state: "ACTIVE", counterSync: "UPDATED", needsSave: true });
    expect(restored.state.activation!.counter).toBe(2);
    expect(await signatureIsValid(restored)).toBe(true);
  });

  for (const version of ["3.0", "3.3"] as ProtocolVersion[]) {
    it(`lets a ${version} device remove itself, signed; afterwards nothing it signs is valid`, async () => {
      const { device, registrationId } = await makeActiveRegistration({ version });
      await expect(device.remove("possession")).rejects.toMatchObject({ status: 401, code: "ERR_AUTHENTICATION" });
      expect((await device.remove()).activationId).toBe(registrationId);
      expect((await rowOf(registrationId)).status).toBe("REMOVED");
      const last = await db.registrationHistory.findFirstOrThrow({ where: { registrationId }, orderBy: { id: "desc" } });
      expect(last).toMatchObject({ fromStatus: "ACTIVE", toStatus: "REMOVED", actorType: "DEVICE" });
      // The same keys, as if the phone had not noticed.
      const stale = restoreDevice({ ...device.state, removed: false });
      expect((await stale.status()).state).toBe("REMOVED");
      expect(await signatureIsValid(stale)).toBe(false);
      await expect(stale.remove()).rejects.toMatchObject({ status: 401 });
    });
  }
});
