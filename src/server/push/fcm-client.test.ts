import crypto from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startFcmSimulator, type FcmSimulator } from "@/cli/simulators/fcm-simulator";
import { sampleNotification, sampleServiceAccountJson } from "@/server/testing/push-credential-samples";

import { classifyFcmResponse, createFcmClient, type FcmClientOptions, type FcmCredential } from "./fcm-client";
import type { PushNotification } from "./provider";

let simulator: FcmSimulator;
let credential: FcmCredential;
const serviceAccount = sampleServiceAccountJson({ token_uri: "http://127.0.0.1:1/not-ours" });

beforeAll(async () => {
  simulator = await startFcmSimulator();
  const account = JSON.parse(serviceAccount);
  credential = { provider: "FCM", settings: { projectId: account.project_id, clientEmail: account.client_email }, secret: serviceAccount };
});
beforeEach(() => {
  simulator.reset();
  simulator.trustAccount({ serviceAccountJson: serviceAccount });
});
afterAll(() => simulator.stop());

const makeClient = (options: FcmClientOptions = {}, use = credential, sim = simulator) => createFcmClient(use, { fcmUrl: sim.url, fcmTokenUrl: sim.tokenUrl }, options);
const notification = (overrides: Partial<PushNotification> = {}) => sampleNotification(`fcm-${crypto.randomBytes(16).toString("hex")}`, overrides);

describe("FCM message mapping", () => {
  it("maps every body field to the Android and APNs blocks and data strings", async () => {
    const validUntil = new Date(Date.now() + 600_000);
    const sent = notification({
      body: {
        title: "T",
        titleLocKey: "TK",
        titleLocArgs: ["a"],
        body: "B",
        bodyLocKey: "BK",
        bodyLocArgs: ["b"],
        badge: 2,
        sound: "ding",
        icon: "ic_bank",
        category: "APPROVAL",
        collapseKey: "op-1",
        validUntil: validUntil.toISOString(),
        extras: { operationId: "op-1", amount: 100, flags: ["x"], gone: null },
      },
    });
    const outcome = await makeClient().send(sent);
    expect(outcome).toMatchObject({ kind: "SENT", providerStatus: 200, providerMessageId: expect.stringMatching(/^projects\/guardline-test\/messages\//) });
    const [delivery] = simulator.deliveries();
    expect(delivery!.projectId).toBe("guardline-test");
    const ttl = Number(String((delivery!.message.android as { ttl: string }).ttl).replace("s", ""));
    expect(ttl).toBeGreaterThan(595);
    expect(ttl).toBeLessThanOrEqual(600);
    expect(delivery!.message).toEqual({
      token: sent.token,
      android: {
        priority: "HIGH",
        ttl: `${ttl}s`,
        collapse_key: "op-1",
        notification: { title: "T", body: "B", title_loc_key: "TK", title_loc_args: ["a"], body_loc_key: "BK", body_loc_args: ["b"], sound: "ding", icon: "ic_bank", tag: "APPROVAL", notification_priority: "PRIORITY_HIGH" },
      },
      apns: {
        headers: { "apns-priority": "10", "apns-push-type": "alert", "apns-expiration": String(Math.floor(validUntil.getTime() / 1000)), "apns-collapse-id": "op-1" },
        payload: { aps: { alert: { title: "T", body: "B", "title-loc-key": "TK", "title-loc-args": ["a"], "loc-key": "BK", "loc-args": ["b"] }, badge: 2, sound: "ding", category: "APPROVAL", "thread-id": "op-1" } },
      },
      data: { operationId: "op-1", amount: "100", flags: '["x"]' },
    });
  });

  it("sends NORMAL priority as NORMAL/PRIORITY_DEFAULT/5 and silent messages as data only", async () => {
    const client = makeClient();
    await client.send(notification({ priority: "NORMAL" }));
    await client.send(notification({ silent: true, body: { title: "hidden", sound: "s", extras: { k: "v" } } }));
    const [normal, silent] = simulator.deliveries();
    expect(normal!.message.android).toMatchObject({ priority: "NORMAL", notification: { notification_priority: "PRIORITY_DEFAULT" } });
    expect((normal!.message.apns as { headers: object }).headers).toMatchObject({ "apns-priority": "5" });
    expect(silent!.message.android).toEqual({ priority: "HIGH" });
    expect(silent!.message.apns).toEqual({ headers: { "apns-priority": "5", "apns-push-type": "background" }, payload: { aps: { "content-available": 1 } } });
    expect(silent!.message.data).toEqual({ k: "v" });
  });

  it("leaves the ttl to FCM beyond 28 days and refuses a passed validUntil without sending", async () => {
    const client = makeClient();
    await client.send(notification({ body: { title: "x", validUntil: new Date(Date.now() + 40 * 24 * 3600_000).toISOString() } }));
    expect(simulator.deliveries()[0]!.message.android).not.toHaveProperty("ttl");
    expect(await client.send(notification({ body: { validUntil: new Date(Date.now() - 1).toISOString() } }))).toMatchObject({ kind: "REJECTED", providerStatus: null });
    expect(simulator.stats().requests).toBe(1);
  });
});

describe("FCM outcomes", () => {
  it.each<[{ reason?: string; status?: number }, string, number]>([
    [{ reason: "UNREGISTERED" }, "TOKEN_INVALID", 404],
    [{ reason: "INVALID_ARGUMENT" }, "TOKEN_INVALID", 400],
    [{ reason: "SENDER_ID_MISMATCH" }, "CREDENTIAL", 403],
    [{ reason: "THIRD_PARTY_AUTH_ERROR" }, "CREDENTIAL", 401],
    [{ status: 403 }, "CREDENTIAL", 403],
    [{ reason: "INTERNAL" }, "TRANSIENT", 500],
    [{ reason: "UNAVAILABLE" }, "TRANSIENT", 503],
    [{ status: 413 }, "REJECTED", 413],
  ])("%j → %s", async (answer, kind, status) => {
    const sent = notification();
    simulator.script(sent.token, [answer]);
    const outcome = await makeClient().send(sent);
    expect(outcome).toMatchObject({ kind, providerStatus: status });
    expect(outcome.reason).toContain(answer.reason ?? "");
    expect(simulator.stats().requests).toBe(1);
  });

  it("honours Retry-After on QUOTA_EXCEEDED", async () => {
    const sent = notification();
    simulator.script(sent.token, [{ reason: "QUOTA_EXCEEDED", retryAfter: 60 }]);
    expect(await makeClient().send(sent)).toMatchObject({ kind: "TRANSIENT", providerStatus: 429, retryAfterMs: 60_000, reason: expect.stringContaining("QUOTA_EXCEEDED") });
  });

  it("tells an INVALID_ARGUMENT about the payload from one about the token", () => {
    const payload = { error: { code: 400, message: "Invalid value at 'message.data[0].value'", status: "INVALID_ARGUMENT", details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "message.data[0].value", description: "Invalid value" }] }] } };
    expect(classifyFcmResponse(400, payload, null)).toMatchObject({ kind: "REJECTED", providerStatus: 400 });
    const token = { error: { code: 400, message: "The registration token is not a valid FCM registration token", status: "INVALID_ARGUMENT", details: [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "INVALID_ARGUMENT" }] } };
    expect(classifyFcmResponse(400, token, null)).toMatchObject({ kind: "TOKEN_INVALID" });
    expect(classifyFcmResponse(404, { error: { code: 404, message: "Not Found", status: "NOT_FOUND" } }, null)).toMatchObject({ kind: "REJECTED" });
  });

  it("answers TRANSIENT for a dropped connection and for a timeout", async () => {
    const dropped = notification();
    simulator.script(dropped.token, [{ drop: true }]);
    expect(await makeClient().send(dropped)).toMatchObject({ kind: "TRANSIENT", providerStatus: null, reason: expect.stringContaining("Network error") });
    const slow = notification();
    simulator.script(slow.token, [{ delayMs: 800 }]);
    expect(await makeClient({ requestTimeoutMs: 150 }).send(slow)).toMatchObject({ kind: "TRANSIENT", providerStatus: null, reason: "Timeout: no answer in time" });
  });

  it("is refused for another project's credential (PERMISSION_DENIED)", async () => {
    expect(await makeClient({}, { ...credential, settings: { ...credential.settings, projectId: "someone-else" } }).send(notification())).toMatchObject({ kind: "CREDENTIAL", providerStatus: 403 });
  });

  it("counts an identical second message to one token as a duplicate", async () => {
    const client = makeClient();
    const sent = notification();
    await client.send(sent);
    await client.send(sent);
    expect(simulator.stats()).toMatchObject({ delivered: 1, duplicates: 1 });
  });
});

describe("FCM OAuth", () => {
  it("makes one token request for 50 concurrent sends, at the configured token URL (never the JSON's token_uri)", async () => {
    const client = makeClient();
    const results = await Promise.all(Array.from({ length: 50 }, () => client.send(notification())));
    expect(results.every((outcome) => outcome.kind === "SENT")).toBe(true);
    expect(client.tokenRequests).toBe(1);
    expect(simulator.stats().tokensIssued).toBe(1);
  });

  it("fetches a new token shortly before the old one expires", async () => {
    const shortLived = await startFcmSimulator({ tokenLifetimeSeconds: 2 });
    shortLived.trustAccount({ serviceAccountJson: serviceAccount });
    try {
      const client = makeClient({}, credential, shortLived);
      await client.send(notification());
      await client.send(notification());
      expect(client.tokenRequests).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await client.send(notification())).kind).toBe("SENT");
      expect(client.tokenRequests).toBe(2);
    } finally {
      await shortLived.stop();
    }
  });

  it("on 401 fetches a new token once and retries; a second 401 is CREDENTIAL", async () => {
    const client = makeClient();
    await client.send(notification());
    simulator.revokeAccessTokens();
    expect((await client.send(notification())).kind).toBe("SENT");
    expect(client.tokenRequests).toBe(2);
    const refused = notification();
    simulator.script(refused.token, [{ status: 401 }, { status: 401 }]);
    expect(await client.send(refused)).toMatchObject({ kind: "CREDENTIAL", providerStatus: 401, reason: expect.stringContaining("UNAUTHENTICATED") });
    expect(client.tokenRequests).toBe(3);
  });

  it("is CREDENTIAL when the token endpoint refuses the assertion, TRANSIENT when it is unavailable", async () => {
    const stranger = sampleServiceAccountJson({ client_email: "other@guardline-test.iam.gserviceaccount.com" });
    const refused = await makeClient({}, { provider: "FCM", settings: { projectId: "guardline-test", clientEmail: "other@guardline-test.iam.gserviceaccount.com" }, secret: stranger }).send(notification());
    expect(refused).toMatchObject({ kind: "CREDENTIAL", providerStatus: 400, reason: expect.stringContaining("invalid_grant") });
    simulator.scriptTokenEndpoint([{ status: 503, reason: "backendError", retryAfter: 5 }]);
    expect(await makeClient().send(notification())).toMatchObject({ kind: "TRANSIENT", providerStatus: 503, retryAfterMs: 5000 });
    expect(simulator.stats().requests).toBe(0);
  });
});
