import crypto from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startHmsSimulator, type HmsSimulator } from "@/cli/simulators/hms-simulator";
import { sampleHmsRequest, sampleNotification } from "@/server/testing/push-credential-samples";

import { validateHmsCredential } from "./credential-validation";
import { classifyHmsResponse, createHmsClient, type HmsClientOptions, type HmsCredential } from "./hms-client";
import { toHmsCollapseKey } from "./hms-payload";
import type { PushNotification } from "./provider";

let simulator: HmsSimulator;
let credential: HmsCredential;

beforeAll(async () => {
  simulator = await startHmsSimulator();
  credential = { provider: "HMS", ...validateHmsCredential(sampleHmsRequest()) };
});
beforeEach(() => {
  simulator.reset();
  simulator.trustClient({ clientId: credential.settings.clientId, clientSecret: credential.secret, projectId: credential.settings.projectId });
});
afterAll(() => simulator.stop());

const makeClient = (options: HmsClientOptions = {}, use = credential, sim = simulator) => createHmsClient(use, { hmsUrl: sim.url, hmsTokenUrl: sim.tokenUrl }, options);
const notification = (overrides: Partial<PushNotification> = {}) => sampleNotification(`hms-${crypto.randomBytes(16).toString("hex")}`, overrides);

describe("HMS message mapping", () => {
  it("maps every body field to the android block and data as a JSON string", async () => {
    const sent = notification({
      body: {
        title: "T",
        titleLocKey: "TK",
        titleLocArgs: ["a"],
        body: "B",
        bodyLocKey: "BK",
        bodyLocArgs: ["b"],
        badge: 4,
        sound: "ding",
        icon: "ic_bank",
        category: "APPROVAL",
        collapseKey: "7",
        validUntil: new Date(Date.now() + 300_500).toISOString(),
        extras: { operationId: "op-1", amount: 100, gone: null },
      },
    });
    const outcome = await makeClient().send(sent);
    expect(outcome).toMatchObject({ kind: "SENT", providerStatus: 200, providerMessageId: expect.any(String) });
    const [delivery] = simulator.deliveries();
    expect(delivery!.projectId).toBe(credential.settings.projectId);
    expect(delivery!.message).toEqual({
      token: [sent.token],
      android: {
        urgency: "HIGH",
        ttl: "301s",
        collapse_key: 7,
        notification: { title: "T", body: "B", title_loc_key: "TK", title_loc_args: ["a"], body_loc_key: "BK", body_loc_args: ["b"], sound: "ding", icon: "ic_bank", tag: "APPROVAL", importance: "HIGH", click_action: { type: 1 } },
      },
      data: JSON.stringify({ operationId: "op-1", amount: "100" }),
    });
  });

  it("sends NORMAL priority as NORMAL urgency and importance, silent as a data message", async () => {
    const client = makeClient();
    await client.send(notification({ priority: "NORMAL", body: { title: "n", collapseKey: "not-a-number" } }));
    await client.send(notification({ silent: true, body: { title: "hidden" } }));
    const [normal, silent] = simulator.deliveries();
    expect(normal!.message).toEqual({ token: [normal!.token], android: { urgency: "NORMAL", notification: { title: "n", importance: "NORMAL", click_action: { type: 1 } } } });
    expect(silent!.message).toEqual({ token: [silent!.token], android: { urgency: "HIGH" }, data: "{}" });
  });

  it("passes the collapse key only as HMS's integer", () => {
    expect(toHmsCollapseKey("0")).toBe(0);
    expect(toHmsCollapseKey("-1")).toBe(-1);
    expect(toHmsCollapseKey("100")).toBe(100);
    for (const value of ["101", "-2", "1.5", "op-1", "", null, undefined]) expect(toHmsCollapseKey(value)).toBeNull();
  });
});

describe("HMS outcomes", () => {
  it.each<[{ reason?: string; status?: number }, string, number]>([
    [{ reason: "80300007" }, "TOKEN_INVALID", 200],
    [{ reason: "80100000" }, "TOKEN_INVALID", 200],
    [{ reason: "80300002" }, "CREDENTIAL", 403],
    [{ reason: "81000001" }, "TRANSIENT", 500],
    [{ status: 503 }, "TRANSIENT", 503],
    [{ reason: "80300008" }, "REJECTED", 413],
    [{ reason: "80100003" }, "REJECTED", 400],
  ])("%j → %s", async (answer, kind, status) => {
    const sent = notification();
    simulator.script(sent.token, [answer]);
    const outcome = await makeClient().send(sent);
    expect(outcome).toMatchObject({ kind, providerStatus: status });
    if (answer.reason) expect(outcome.reason).toContain(answer.reason);
  });

  it("reads a partial success that does not name our token as sent, and Retry-After on 429", () => {
    expect(classifyHmsResponse(200, { code: "80100000", msg: JSON.stringify({ illegal_tokens: ["other"] }), requestId: "r1" }, "mine", null)).toMatchObject({ kind: "SENT", providerMessageId: "r1" });
    expect(classifyHmsResponse(429, { code: "80000001" }, "mine", "9")).toMatchObject({ kind: "TRANSIENT", retryAfterMs: 9000 });
  });

  it("answers TRANSIENT for a dropped connection and for a timeout", async () => {
    const dropped = notification();
    simulator.script(dropped.token, [{ drop: true }]);
    expect(await makeClient().send(dropped)).toMatchObject({ kind: "TRANSIENT", providerStatus: null });
    const slow = notification();
    simulator.script(slow.token, [{ delayMs: 800 }]);
    expect(await makeClient({ requestTimeoutMs: 150 }).send(slow)).toMatchObject({ kind: "TRANSIENT", reason: "Timeout: no answer in time" });
  });
});

describe("HMS OAuth", () => {
  it("makes one token request for 50 concurrent sends", async () => {
    const client = makeClient();
    const results = await Promise.all(Array.from({ length: 50 }, () => client.send(notification())));
    expect(results.every((outcome) => outcome.kind === "SENT")).toBe(true);
    expect(client.tokenRequests).toBe(1);
    expect(simulator.stats().tokensIssued).toBe(1);
  });

  it("fetches a new token shortly before the old one expires", async () => {
    let now = Date.now();
    const client = makeClient({ now: () => now });
    await client.send(notification());
    now += 3600_000 - 61_000;
    await client.send(notification());
    expect(client.tokenRequests).toBe(1);
    now += 2000;
    await client.send(notification());
    expect(client.tokenRequests).toBe(2);
  });

  it("on 80200003 (HTTP 401) fetches a new token once and retries; refused again is CREDENTIAL", async () => {
    const client = makeClient();
    await client.send(notification());
    simulator.revokeAccessTokens();
    expect((await client.send(notification())).kind).toBe("SENT");
    expect(client.tokenRequests).toBe(2);
    const refused = notification();
    simulator.script(refused.token, [{ reason: "80200001" }, { reason: "80200001" }]);
    expect(await client.send(refused)).toMatchObject({ kind: "CREDENTIAL", providerStatus: 401, reason: expect.stringContaining("80200001") });
    expect(client.tokenRequests).toBe(3);
  });

  it("is CREDENTIAL when the token endpoint refuses the client, TRANSIENT when it fails", async () => {
    expect(await makeClient({}, { ...credential, secret: "wrong-secret" }).send(notification())).toMatchObject({ kind: "CREDENTIAL", providerStatus: 400, reason: expect.stringContaining("invalid client") });
    simulator.scriptTokenEndpoint([{ status: 502 }]);
    expect(await makeClient().send(notification())).toMatchObject({ kind: "TRANSIENT", providerStatus: 502 });
    expect(simulator.stats().requests).toBe(0);
  });

  it("is CREDENTIAL when the client may not send to the project", async () => {
    expect(await makeClient({}, { ...credential, settings: { ...credential.settings, projectId: "999999" } }).send(notification())).toMatchObject({ kind: "CREDENTIAL", reason: expect.stringContaining("80300002") });
  });
});
