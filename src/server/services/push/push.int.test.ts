/**
 * Push on a real database: the one credential store every path edits (set, replace, remove,
 * sealed secrets, audit rows in the same transaction), push applications, and the device rules
 * (one row per registration and token, the multi-activation token, re-registration, token
 * replacement, REMOVED refused) with registration BLOCK / UNBLOCK / REMOVE changing the rows in the
 * change's own transaction.
 */
import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import { openSecretText } from "@/server/security/secret-box";
import { makeActiveRegistration, makeApplication, makeCredential, makeStaff, testActor } from "@/server/testing/factories";
import { sampleApnsRequest, sampleFcmRequest, sampleHmsRequest } from "@/server/testing/push-credential-samples";

import type { Actor } from "../access/actor";
import { authenticateCredential } from "../credentials/authenticate-credential";
import { changeRegistrationStatus } from "../registrations/change-registration-status";
import { REGISTRATION_CHANGE_SUBSCRIBERS } from "../registrations/registration-changes";
import { createPushApplication } from "./create-push-application";
import { createPushDevices } from "./create-push-devices";
import { getPushConfiguration } from "./get-push-configuration";
import { listPushApplications, listPushOverview, listUnconfiguredPushApplications } from "./list-push-applications";
import { listPushDevices } from "./list-push-devices";
import { pushCredentialContext, toCloudPushConfiguration } from "./push-credential-store";
import { registerOwnPushDevice } from "./register-own-push-device";
import { removePushCredential } from "./remove-push-credential";
import { removePushDevice } from "./remove-push-device";
import { setPushCredential } from "./set-push-credential";
import { syncPushDeviceStatus } from "./sync-push-device-status";

const audit = (applicationId: string) => db.auditEvent.findMany({ where: { applicationId, action: { startsWith: "push." } }, orderBy: { id: "asc" }, select: { action: true, targetId: true, before: true, after: true } });
const devices = (applicationId: string) => db.pushDevice.findMany({ where: { applicationId }, orderBy: { id: "asc" }, select: { registrationId: true, userId: true, platform: true, environment: true, token: true, status: true } });

async function appActor(applicationId: string): Promise<Actor> {
  const credential = await makeCredential("APPLICATION", applicationId);
  return authenticateCredential(credential.username, credential.password);
}

describe("provider credentials", () => {
  it("stores each provider once, sealed, replaces it, shows no secret, removes it, audits every change", async () => {
    const app = await makeApplication();
    const apns = sampleApnsRequest();
    const rows = await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...apns } });
    expect(toCloudPushConfiguration(app.id, rows)).toEqual({ id: app.id, apns: { topic: "com.example.bank", keyId: "ABC123DEFG", teamId: "DEF123GHIJ", environment: "DEVELOPMENT" } });
    const stored = await db.pushCredential.findUniqueOrThrow({ where: { applicationId_provider: { applicationId: app.id, provider: "APNS" } } });
    expect(stored.secretEncrypted).not.toContain("PRIVATE KEY");
    expect(openSecretText(stored.secretEncrypted, pushCredentialContext(app.id, "APNS"))).toBe(Buffer.from(apns.privateKeyBase64, "base64").toString());
    expect(() => openSecretText(stored.secretEncrypted, pushCredentialContext(app.id, "FCM"))).toThrow();
    expect(JSON.stringify(stored.settings)).not.toContain("PRIVATE");

    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...sampleApnsRequest({ environment: "production", topic: "com.example.other" }) } });
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "FCM", ...sampleFcmRequest() } });
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "HMS", ...sampleHmsRequest() } });
    expect(await db.pushCredential.count({ where: { applicationId: app.id } })).toBe(3);
    const config = await getPushConfiguration({ actor: testActor, applicationId: app.id });
    expect(toCloudPushConfiguration(app.id, config.credentials)).toEqual({
      id: app.id,
      apns: { topic: "com.example.other", keyId: "ABC123DEFG", teamId: "DEF123GHIJ", environment: "PRODUCTION" },
      fcm: { projectId: "guardline-test" },
      hms: { projectId: "388421841221234567" },
    });

    expect(await removePushCredential({ actor: testActor, applicationId: app.id, provider: "FCM" })).toEqual({ removed: true });
    expect(await removePushCredential({ actor: testActor, applicationId: app.id, provider: "FCM" })).toEqual({ removed: false });
    const events = await audit(app.id);
    expect(events.map((event) => event.action)).toEqual(["push.credential.set", "push.credential.set", "push.credential.set", "push.credential.set", "push.credential.remove"]);
    expect(events[0]).toMatchObject({ targetId: `${app.id}:APNS`, before: null, after: { provider: "APNS", settings: { topic: "com.example.bank" } } });
    expect(events[1]).toMatchObject({ before: { settings: { topic: "com.example.bank" } }, after: { settings: { topic: "com.example.other", environment: "production" } } });
    expect(JSON.stringify(events)).not.toMatch(/PRIVATE KEY|private_key|clientSecret/);
  });

  it("refuses a bad key with a violation naming the field (no value echoed), writing nothing", async () => {
    const app = await makeApplication();
    const bad = sampleApnsRequest({ privateKeyBase64: Buffer.from("not a key").toString("base64") });
    await expect(setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...bad } })).rejects.toMatchObject({
      code: "ERROR_REQUEST",
      options: { violations: [{ fieldName: "privateKeyBase64", hint: expect.any(String) }] },
    });
    expect(await db.pushCredential.count({ where: { applicationId: app.id } })).toBe(0);
    expect(await audit(app.id)).toEqual([]);
  });

  it("an unknown application is ERROR_ADMIN; only who may configure does", async () => {
    await expect(setPushCredential({ actor: testActor, applicationId: "NO_SUCH_APP", input: { provider: "HMS", ...sampleHmsRequest() } })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    const app = await makeApplication();
    const { actor: operator } = await makeStaff("OPERATOR");
    await expect(setPushCredential({ actor: operator, applicationId: app.id, input: { provider: "HMS", ...sampleHmsRequest() } })).rejects.toMatchObject({ code: "HTTP_403" });
    await expect(setPushCredential({ actor: await appActor(app.id), applicationId: app.id, input: { provider: "HMS", ...sampleHmsRequest() } })).rejects.toMatchObject({ code: "HTTP_403" });
    const { actor: administrator } = await makeStaff("ADMINISTRATOR");
    await setPushCredential({ actor: administrator, applicationId: app.id, input: { provider: "HMS", ...sampleHmsRequest() } });
    expect((await audit(app.id))[0]).toMatchObject({ action: "push.credential.set" });
  });

  it("push applications: created once, listed with their providers; the others are unconfigured", async () => {
    const app = await makeApplication();
    const other = await makeApplication();
    expect(await createPushApplication({ actor: testActor, applicationId: app.id })).toEqual({ appId: app.id });
    await expect(createPushApplication({ actor: testActor, applicationId: app.id })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    await expect(createPushApplication({ actor: testActor, applicationId: "NO_SUCH_APP" })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    expect((await listPushApplications({ actor: testActor })).find((item) => item.appId === app.id)).toEqual({ appId: app.id, apns: false, fcm: false, hms: false });
    await setPushCredential({ actor: testActor, applicationId: other.id, input: { provider: "FCM", ...sampleFcmRequest() } });
    expect((await listPushApplications({ actor: testActor })).find((item) => item.appId === other.id)).toEqual({ appId: other.id, apns: false, fcm: true, hms: false });
    const unconfigured = (await listUnconfiguredPushApplications({ actor: testActor })).map((item) => item.appId);
    expect(unconfigured).not.toContain(app.id);
    expect(unconfigured).not.toContain(other.id);
    await expect(getPushConfiguration({ actor: testActor, applicationId: (await makeApplication()).id, requirePushApplication: true })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
  });

  it("the console's overview lists every application with each credential not set, set or failing; the documented list keeps its flags", async () => {
    const fresh = await makeApplication();
    const app = await makeApplication();
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...sampleApnsRequest() } });
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "FCM", ...sampleFcmRequest() } });
    // What record-push-outcomes.ts does when the provider refuses our credential (CREDENTIAL outcome).
    await db.pushCredential.update({ where: { applicationId_provider: { applicationId: app.id, provider: "APNS" } }, data: { isFailing: true, lastError: "403 InvalidProviderToken", lastErrorAt: new Date() } });
    const overview = await listPushOverview({ actor: testActor });
    expect(overview.find((item) => item.appId === fresh.id)).toEqual({ appId: fresh.id, apns: "NOT_SET", fcm: "NOT_SET", hms: "NOT_SET" });
    expect(overview.find((item) => item.appId === app.id)).toEqual({ appId: app.id, apns: "FAILING", fcm: "SET", hms: "NOT_SET" });
    expect((await listPushApplications({ actor: testActor })).find((item) => item.appId === app.id)).toEqual({ appId: app.id, apns: true, fcm: true, hms: false });
    const { actor: viewer } = await makeStaff("VIEWER");
    expect((await listPushOverview({ actor: viewer })).some((item) => item.appId === app.id)).toBe(true);
  });
});

describe("push devices", () => {
  const apns = (token: string) => ({ platform: "APNS" as const, token, environment: "development" as const });

  it("one token serves two activations (a row each); re-registering updates, a new token replaces", async () => {
    const first = await makeActiveRegistration();
    const second = await makeActiveRegistration({ app: first.app });
    const actor = await appActor(first.app.id);
    await createPushDevices({ actor, appId: first.app.id, activationIds: [first.registrationId, second.registrationId], binding: apns("token-shared") });
    expect(await devices(first.app.id)).toEqual(
      expect.arrayContaining([
        { registrationId: first.registrationId, userId: first.userId, platform: "APNS", environment: "development", token: "token-shared", status: "ACTIVE" },
        { registrationId: second.registrationId, userId: second.userId, platform: "APNS", environment: "development", token: "token-shared", status: "ACTIVE" },
      ]),
    );
    await createPushDevices({ actor, appId: first.app.id, activationIds: [first.registrationId], binding: apns("token-shared") });
    expect(await devices(first.app.id)).toHaveLength(2);
    await db.pushDevice.update({ where: { registrationId: first.registrationId }, data: { lastSuccessAt: new Date() } });
    await registerOwnPushDevice({ registration: { id: first.registrationId, applicationId: first.app.id }, binding: { platform: "FCM", token: "token-new", environment: "production" } });
    const replaced = await db.pushDevice.findUniqueOrThrow({ where: { registrationId: first.registrationId } });
    expect(replaced).toMatchObject({ token: "token-new", platform: "FCM", environment: null, lastSuccessAt: null });
    expect((await db.pushDevice.findUniqueOrThrow({ where: { registrationId: second.registrationId } })).token).toBe("token-shared");

    expect(await removePushDevice({ actor, appId: first.app.id, token: "token-shared" })).toEqual({ removed: 1 });
    expect((await devices(first.app.id)).map((device) => device.token)).toEqual(["token-new"]);
    const page = await listPushDevices({ actor: testActor, applicationId: first.app.id, userId: first.userId });
    expect(page).toMatchObject({ items: [{ userId: first.userId, platform: "FCM", status: "ACTIVE", token: "token-new" }], nextCursor: null });
  });

  it("refuses another application's activation, an unknown one and a REMOVED one, binding none of a multi call", async () => {
    const mine = await makeActiveRegistration();
    const foreign = await makeActiveRegistration();
    const actor = await appActor(mine.app.id);
    await expect(createPushDevices({ actor, appId: foreign.app.id, activationIds: [foreign.registrationId], binding: apns("t1") })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    await expect(createPushDevices({ actor, appId: mine.app.id, activationIds: [mine.registrationId, foreign.registrationId], binding: apns("t1") })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    expect(await devices(mine.app.id)).toEqual([]);
    await changeRegistrationStatus({ actor: testActor, registrationId: mine.registrationId, change: "REMOVE" });
    await expect(createPushDevices({ actor, appId: mine.app.id, activationIds: [mine.registrationId], binding: apns("t1") })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
  });

  it("follows the registration: BLOCK marks INACTIVE, UNBLOCK restores, REMOVE deletes, in the change's transaction", async () => {
    const registration = await makeActiveRegistration();
    const actor = await appActor(registration.app.id);
    await createPushDevices({ actor, appId: registration.app.id, activationIds: [registration.registrationId], binding: apns("t-follow") });
    const status = async () => (await db.pushDevice.findUnique({ where: { registrationId: registration.registrationId } }))?.status ?? null;

    await changeRegistrationStatus({ actor: testActor, registrationId: registration.registrationId, change: "BLOCK" });
    expect(await status()).toBe("INACTIVE");
    // Binding while BLOCKED keeps the row out of personal messages.
    await createPushDevices({ actor, appId: registration.app.id, activationIds: [registration.registrationId], binding: apns("t-follow") });
    expect(await status()).toBe("INACTIVE");
    await changeRegistrationStatus({ actor: testActor, registrationId: registration.registrationId, change: "UNBLOCK" });
    expect(await status()).toBe("ACTIVE");

    // Same transaction: a later subscriber failing rolls the device change back with the status.
    const failing = async () => {
      throw new Error("later subscriber failed");
    };
    REGISTRATION_CHANGE_SUBSCRIBERS.push(failing);
    try {
      await expect(changeRegistrationStatus({ actor: testActor, registrationId: registration.registrationId, change: "BLOCK" })).rejects.toThrow("later subscriber failed");
    } finally {
      REGISTRATION_CHANGE_SUBSCRIBERS.splice(REGISTRATION_CHANGE_SUBSCRIBERS.indexOf(failing), 1);
    }
    expect(await status()).toBe("ACTIVE");

    await changeRegistrationStatus({ actor: testActor, registrationId: registration.registrationId, change: "REMOVE" });
    expect(await status()).toBeNull();
  });

  it("status/update re-syncs a row changed behind the registration's back, and refuses a foreign activation", async () => {
    const registration = await makeActiveRegistration();
    const actor = await appActor(registration.app.id);
    await createPushDevices({ actor, appId: registration.app.id, activationIds: [registration.registrationId], binding: apns("t-sync") });
    await db.pushDevice.update({ where: { registrationId: registration.registrationId }, data: { status: "INACTIVE" } });
    await syncPushDeviceStatus({ actor, activationId: registration.registrationId });
    expect((await db.pushDevice.findUniqueOrThrow({ where: { registrationId: registration.registrationId } })).status).toBe("ACTIVE");
    const foreign = await makeActiveRegistration();
    await expect(syncPushDeviceStatus({ actor, activationId: foreign.registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
  });

  it("pages an application's devices newest first", async () => {
    const first = await makeActiveRegistration();
    const actor = await appActor(first.app.id);
    const others = [first, await makeActiveRegistration({ app: first.app }), await makeActiveRegistration({ app: first.app })];
    for (const [index, registration] of others.entries()) await createPushDevices({ actor, appId: first.app.id, activationIds: [registration.registrationId], binding: apns(`page-${index}`) });
    const one = await listPushDevices({ actor: testActor, applicationId: first.app.id, limit: 2 });
    expect(one.items.map((item) => item.token)).toEqual(["page-2", "page-1"]);
    const two = await listPushDevices({ actor: testActor, applicationId: first.app.id, limit: 2, cursor: one.nextCursor! });
    expect(two).toMatchObject({ items: [{ token: "page-0" }], nextCursor: null });
    await expect(listPushDevices({ actor: testActor, applicationId: first.app.id, cursor: "x" })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
  });
});
