import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { startApnsSimulator, type ApnsSimulator } from "@/cli/simulators/apns-simulator";
import { sampleApnsRequest, sampleNotification } from "@/server/testing/push-credential-samples";

import { createApnsClient, type ApnsClient, type ApnsClientOptions, type ApnsCredential } from "./apns-client";
import { validateApnsCredential } from "./credential-validation";
import type { PushNotification } from "./provider";

let simulator: ApnsSimulator;
let production: ApnsSimulator;
let credential: ApnsCredential;
const clients: ApnsClient[] = [];

beforeAll(async () => {
  simulator = await startApnsSimulator();
  production = await startApnsSimulator();
  credential = { provider: "APNS", ...validateApnsCredential(sampleApnsRequest()) };
  for (const sim of [simulator, production]) sim.trustKey({ teamId: credential.settings.teamId, keyId: credential.settings.keyId, privateKeyPem: credential.secret });
});
async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2000) throw new Error("condition not met in 2 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await waitFor(() => simulator.stats().openSessions === 0 && production.stats().openSessions === 0);
  simulator.reset();
  production.reset();
});
afterAll(async () => {
  await simulator.stop();
  await production.stop();
});

function makeClient(options: ApnsClientOptions = {}, use: ApnsCredential = credential): ApnsClient {
  const client = createApnsClient(use, { apnsDevelopmentUrl: simulator.url, apnsProductionUrl: production.url }, options);
  clients.push(client);
  return client;
}

const newToken = () => crypto.randomBytes(32).toString("hex");

const notification = (overrides: Partial<PushNotification> = {}) => sampleNotification(newToken(), { environment: "development", ...overrides });

describe("APNs request mapping", () => {
  it("maps every body field to Apple's headers and payload", async () => {
    const validUntil = new Date(Date.now() + 3600_000);
    const sent = notification({
      body: {
        title: "T",
        titleLocKey: "TK",
        titleLocArgs: ["a"],
        body: "B",
        bodyLocKey: "BK",
        bodyLocArgs: ["b", "c"],
        badge: 3,
        sound: "default",
        icon: "ignored-on-ios",
        category: "APPROVAL",
        collapseKey: "op-1",
        validUntil: validUntil.toISOString(),
        extras: { operationId: "op-1", nested: { n: 1 }, gone: null },
      },
    });
    const outcome = await makeClient().send(sent);
    expect(outcome).toMatchObject({ kind: "SENT", providerStatus: 200 });
    expect(outcome.providerMessageId).toMatch(/^[0-9a-f-]{36}$/);
    const [delivery] = simulator.deliveries();
    expect(delivery!.token).toBe(sent.token);
    expect(delivery!.headers).toEqual({
      "apns-topic": "com.example.bank",
      "apns-push-type": "alert",
      "apns-priority": "10",
      "apns-id": sent.deliveryId,
      "apns-expiration": String(Math.floor(validUntil.getTime() / 1000)),
      "apns-collapse-id": "op-1",
    });
    expect(delivery!.payload).toEqual({
      operationId: "op-1",
      nested: { n: 1 },
      aps: {
        alert: { title: "T", body: "B", "title-loc-key": "TK", "title-loc-args": ["a"], "loc-key": "BK", "loc-args": ["b", "c"] },
        badge: 3,
        sound: "default",
        category: "APPROVAL",
        "thread-id": "op-1",
      },
    });
  });

  it("sends NORMAL priority as 5 and silent messages as background pushes with priority 5 and content-available only", async () => {
    const client = makeClient();
    expect((await client.send(notification({ priority: "NORMAL" }))).kind).toBe("SENT");
    expect((await client.send(notification({ silent: true, body: { title: "x", body: "y", sound: "s", badge: 1, extras: { k: "v" } } }))).kind).toBe("SENT");
    const [normal, silent] = simulator.deliveries();
    expect(normal!.headers["apns-priority"]).toBe("5");
    expect(normal!.headers["apns-push-type"]).toBe("alert");
    expect(silent!.headers).toMatchObject({ "apns-push-type": "background", "apns-priority": "5", "apns-topic": "com.example.bank" });
    expect(silent!.headers["apns-expiration"]).toBeUndefined();
    expect(silent!.payload).toEqual({ k: "v", aps: { "content-available": 1 } });
  });

  it("refuses before sending what Apple would refuse or what may no longer be shown", async () => {
    const client = makeClient();
    const cases: Array<[Partial<PushNotification>, string, string]> = [
      [{ body: { extras: { aps: { alert: "x" } } } }, "REJECTED", "aps"],
      [{ body: { body: "x".repeat(4100) } }, "REJECTED", "PayloadTooLarge"],
      [{ body: { title: "late", validUntil: new Date(Date.now() - 1000).toISOString() } }, "REJECTED", "Expired"],
      [{ body: { title: "bad", validUntil: "tomorrow" } }, "REJECTED", "BadExpirationDate"],
      [{ body: { collapseKey: "k".repeat(65) } }, "REJECTED", "BadCollapseId"],
      [{ token: "not/hex" }, "TOKEN_INVALID", "BadDeviceToken"],
    ];
    for (const [overrides, kind, reason] of cases) {
      const outcome = await client.send(notification(overrides));
      expect(outcome.kind).toBe(kind);
      expect(outcome.providerStatus).toBeNull();
      expect(outcome.reason).toContain(reason);
    }
    expect(simulator.stats().requests).toBe(0);
  });

  it("uses the production host for production devices", async () => {
    const sent = notification({ environment: "production" });
    expect((await makeClient().send(sent)).kind).toBe("SENT");
    expect(production.countFor(sent.token)).toBe(1);
    expect(simulator.stats().requests).toBe(0);
  });
});

describe("APNs outcomes", () => {
  it.each([
    [{ status: 410 }, "TOKEN_INVALID", 410, "Unregistered"],
    [{ status: 400, reason: "BadDeviceToken" }, "TOKEN_INVALID", 400, "BadDeviceToken"],
    [{ status: 400, reason: "DeviceTokenNotForTopic" }, "TOKEN_INVALID", 400, "DeviceTokenNotForTopic"],
    [{ status: 403, reason: "InvalidProviderToken" }, "CREDENTIAL", 403, "InvalidProviderToken"],
    [{ status: 403, reason: "MissingProviderToken" }, "CREDENTIAL", 403, "MissingProviderToken"],
    [{ status: 400, reason: "TopicDisallowed" }, "CREDENTIAL", 400, "TopicDisallowed"],
    [{ status: 400, reason: "BadTopic" }, "CREDENTIAL", 400, "BadTopic"],
    [{ status: 400, reason: "BadExpirationDate" }, "REJECTED", 400, "BadExpirationDate"],
    [{ status: 413, reason: "PayloadTooLarge" }, "REJECTED", 413, "PayloadTooLarge"],
    [{ status: 500 }, "TRANSIENT", 500, "InternalServerError"],
    [{ status: 503 }, "TRANSIENT", 503, "ServiceUnavailable"],
  ])("%j → %s", async (answer, kind, status, reason) => {
    const sent = notification();
    simulator.script(sent.token, [answer]);
    expect(await makeClient().send(sent)).toMatchObject({ kind, providerStatus: status, reason });
    expect(simulator.countFor(sent.token)).toBe(0);
  });

  it("reads Retry-After as seconds or as an HTTP date", async () => {
    const client = makeClient();
    const seconds = notification();
    simulator.script(seconds.token, [{ status: 429, reason: "TooManyRequests", retryAfter: 30 }]);
    expect(await client.send(seconds)).toMatchObject({ kind: "TRANSIENT", providerStatus: 429, reason: "TooManyRequests", retryAfterMs: 30_000 });
    const dated = notification();
    simulator.script(dated.token, [{ status: 503, retryAfter: new Date(Date.now() + 120_000).toUTCString() }]);
    const outcome = await client.send(dated);
    expect(outcome.kind).toBe("TRANSIENT");
    expect(outcome.retryAfterMs).toBeGreaterThan(115_000);
    expect(outcome.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it("is refused by APNs with a key Apple does not know", async () => {
    const stranger: ApnsCredential = { provider: "APNS", ...validateApnsCredential(sampleApnsRequest({ keyId: "ZZZ999ZZZZ" })) };
    expect(await makeClient({}, stranger).send(notification())).toMatchObject({ kind: "CREDENTIAL", providerStatus: 403, reason: "InvalidProviderToken" });
  });

  it("answers TRANSIENT when the host cannot be reached", async () => {
    const client = createApnsClient(credential, { apnsDevelopmentUrl: "http://127.0.0.1:1", apnsProductionUrl: "http://127.0.0.1:1" });
    clients.push(client);
    const outcome = await client.send(notification());
    expect(outcome).toMatchObject({ kind: "TRANSIENT", providerStatus: null });
    expect(outcome.reason).toMatch(/ECONNREFUSED|error/i);
  });

  it("times out a request that gets no answer", async () => {
    const sent = notification();
    simulator.script(sent.token, [{ delayMs: 1000 }]);
    const started = Date.now();
    expect(await makeClient({ requestTimeoutMs: 150 }).send(sent)).toMatchObject({ kind: "TRANSIENT", providerStatus: null, reason: "Timeout: no answer in time" });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("sends one apns-id once: a repeated attempt is a duplicate at Apple, not a second message", async () => {
    const client = makeClient();
    const sent = notification();
    expect((await client.send(sent)).kind).toBe("SENT");
    expect((await client.send(sent)).kind).toBe("SENT");
    expect(simulator.stats()).toMatchObject({ delivered: 1, duplicates: 1 });
  });
});

describe("APNs provider token", () => {
  it("signs one token for many sends and a new one after 50 minutes", async () => {
    let now = Date.now();
    const client = makeClient({ now: () => now });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.send(notification())));
    expect(results.every((outcome) => outcome.kind === "SENT")).toBe(true);
    expect(simulator.stats().providerTokens).toBe(1);
    now += 49 * 60_000;
    await client.send(notification());
    expect(simulator.stats().providerTokens).toBe(1);
    now += 60_000;
    await client.send(notification());
    expect(simulator.stats().providerTokens).toBe(2);
  });

  it("on ExpiredProviderToken signs a new token and retries once", async () => {
    let now = Date.now();
    const client = makeClient({ now: () => now });
    await client.send(notification());
    now += 1000;
    const sent = notification();
    simulator.script(sent.token, [{ status: 403, reason: "ExpiredProviderToken" }]);
    expect((await client.send(sent)).kind).toBe("SENT");
    expect(simulator.stats()).toMatchObject({ providerTokens: 2, requests: 3 });
  });

  it("reports CREDENTIAL when the fresh token is refused as expired too (our clock is wrong)", async () => {
    const client = makeClient({ now: () => Date.now() - 2 * 3600_000 });
    expect(await client.send(notification())).toMatchObject({ kind: "CREDENTIAL", providerStatus: 403, reason: "ExpiredProviderToken" });
    expect(simulator.stats().requests).toBe(2);
  });
});

describe("APNs connection", () => {
  it("carries 200 concurrent sends on one HTTP/2 session", async () => {
    const client = makeClient();
    const results = await Promise.all(Array.from({ length: 200 }, () => client.send(notification())));
    expect(results.filter((outcome) => outcome.kind === "SENT")).toHaveLength(200);
    expect(client.sessionsOpened).toBe(1);
    expect(simulator.stats()).toMatchObject({ sessionsOpened: 1, delivered: 200 });
  });

  it("queues beyond the peer's max concurrent streams", async () => {
    const narrow = await startApnsSimulator({ maxConcurrentStreams: 5 });
    narrow.trustKey({ teamId: credential.settings.teamId, keyId: credential.settings.keyId, privateKeyPem: credential.secret });
    const client = createApnsClient(credential, { apnsDevelopmentUrl: narrow.url, apnsProductionUrl: narrow.url });
    try {
      // The first one opens the session and receives the peer's SETTINGS.
      expect((await client.send(notification())).kind).toBe("SENT");
      const tokens = Array.from({ length: 60 }, () => notification());
      for (const sent of tokens.slice(0, 10)) narrow.script(sent.token, [{ delayMs: 20 }]);
      const results = await Promise.all(tokens.map((sent) => client.send(sent)));
      expect(results.filter((outcome) => outcome.kind === "SENT")).toHaveLength(60);
      expect(narrow.stats().maxInFlight).toBeLessThanOrEqual(5);
      expect(narrow.stats().maxInFlight).toBeGreaterThan(1);
    } finally {
      await client.close();
      await narrow.stop();
    }
  });

  it("reconnects after the connection is dropped", async () => {
    const client = makeClient();
    const dropped = notification();
    simulator.script(dropped.token, [{ drop: true }]);
    expect(await client.send(dropped)).toMatchObject({ kind: "TRANSIENT", providerStatus: null });
    expect((await client.send(dropped)).kind).toBe("SENT");
    expect(client.sessionsOpened).toBe(2);
    expect(simulator.countFor(dropped.token)).toBe(1);
  });

  it("answers TRANSIENT for a reset stream and keeps the session", async () => {
    const client = makeClient();
    const reset = notification();
    simulator.script(reset.token, [{ drop: "stream" }]);
    expect(await client.send(reset)).toMatchObject({ kind: "TRANSIENT", providerStatus: null });
    expect((await client.send(notification())).kind).toBe("SENT");
    expect(client.sessionsOpened).toBe(1);
  });

  it("opens a new session after GOAWAY", async () => {
    const client = makeClient();
    expect((await client.send(notification())).kind).toBe("SENT");
    simulator.goAway();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await client.send(notification())).kind).toBe("SENT");
    expect(client.sessionsOpened).toBe(2);
  });

  it("closes its session on close() and refuses later sends", async () => {
    const client = makeClient();
    expect((await client.send(notification())).kind).toBe("SENT");
    expect(simulator.stats().openSessions).toBe(1);
    await client.close();
    await waitFor(() => simulator.stats().openSessions === 0);
    expect(await client.send(notification())).toMatchObject({ kind: "TRANSIENT", reason: "Client closed" });
  });

  it("lets in-flight sends finish before close() resolves", async () => {
    const client = makeClient();
    const slow = notification();
    simulator.script(slow.token, [{ delayMs: 100 }]);
    const pending = client.send(slow);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.close();
    expect((await pending).kind).toBe("SENT");
  });

  it("keeps a script alive until close() has closed the idle session, then lets it exit", async () => {
    // An idle session is unref'd; without a ref while closing, `await client.close()` ended the
    // process with "unsettled top-level await" (exit code 13) in the benchmark script.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apns-close-"));
    const script = path.join(dir, "close.mts");
    const source = (file: string) => JSON.stringify(path.resolve("src/server/push", file));
    fs.writeFileSync(
      script,
      [
        `import { createApnsClient } from ${source("apns-client.ts")};`,
        `const credential = JSON.parse(process.env.CREDENTIAL!);`,
        `const client = createApnsClient(credential, { apnsDevelopmentUrl: process.env.URL!, apnsProductionUrl: process.env.URL! });`,
        `const outcome = await client.send({ token: "ab".repeat(32), environment: "development", priority: "HIGH", silent: false, deliveryId: crypto.randomUUID(), body: { title: "x" } });`,
        `await client.close();`,
        `console.log(outcome.kind);`,
      ].join("\n"),
    );
    try {
      const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ["--import", "tsx", script], { env: { ...process.env, CREDENTIAL: JSON.stringify(credential), URL: simulator.url }, timeout: 20_000 }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
      });
      expect(result).toEqual({ code: 0, stdout: "SENT\n", stderr: "" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
