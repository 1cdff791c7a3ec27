import crypto from "node:crypto";
import http2 from "node:http2";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { signJwt } from "@/server/push/credential-validation";

import { startApnsSimulator, type ApnsSimulator } from "./apns-simulator";

const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const KEY_ID = "KEY1234567";
const TEAM_ID = "TEAM123456";
const token = "ab".repeat(32);
let simulator: ApnsSimulator;
let session: http2.ClientHttp2Session;

const jwt = (iat = Math.floor(Date.now() / 1000), key = privateKey, kid = KEY_ID) => signJwt(key, "ES256", { kid }, { iss: TEAM_ID, iat });

function push(headers: Record<string, string>, body = JSON.stringify({ aps: { alert: "x" } }), path = `/3/device/${token}`): Promise<{ status: number; headers: http2.IncomingHttpHeaders; json: Record<string, unknown> | null }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":method": "POST", ":path": path, authorization: `bearer ${jwt()}`, "apns-topic": "com.example.bank", ...headers });
    let status = 0;
    let received: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on("response", (h) => {
      status = Number(h[":status"]);
      received = h;
    });
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve({ status, headers: received, json: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : null }));
    stream.on("error", reject);
    stream.end(body);
  });
}

beforeAll(async () => {
  simulator = await startApnsSimulator();
  simulator.trustKey({ teamId: TEAM_ID, keyId: KEY_ID, publicKey: crypto.createPublicKey(privateKey) });
  session = http2.connect(simulator.url);
});
beforeEach(() => simulator.reset());
afterAll(async () => {
  session.close();
  await simulator.stop();
});

describe("APNs simulator", () => {
  it("accepts a valid request as Apple does and records it", async () => {
    const apnsId = crypto.randomUUID();
    const answer = await push({ "apns-id": apnsId, "apns-push-type": "alert", "apns-priority": "10" });
    expect(answer.status).toBe(200);
    expect(answer.headers["apns-id"]).toBe(apnsId);
    expect(answer.headers["apns-unique-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(simulator.deliveries()).toMatchObject([{ token, apnsId, payload: { aps: { alert: "x" } } }]);
  });

  it.each<[string, Record<string, string>, string | undefined, string | undefined, number, string]>([
    ["no provider token", { authorization: "" }, undefined, undefined, 403, "MissingProviderToken"],
    ["an unknown key", { authorization: `bearer ${jwt(undefined, crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey)}` }, undefined, undefined, 403, "InvalidProviderToken"],
    ["a token older than an hour", { authorization: `bearer ${jwt(Math.floor(Date.now() / 1000) - 3700)}` }, undefined, undefined, 403, "ExpiredProviderToken"],
    ["no topic", { "apns-topic": "" }, undefined, undefined, 400, "MissingTopic"],
    ["an unknown push type", { "apns-push-type": "loud" }, undefined, undefined, 400, "InvalidPushType"],
    ["priority 7", { "apns-priority": "7" }, undefined, undefined, 400, "BadPriority"],
    ["a background push with priority 10", { "apns-push-type": "background", "apns-priority": "10" }, undefined, undefined, 400, "BadPriority"],
    ["a non-integer expiration", { "apns-expiration": "soon" }, undefined, undefined, 400, "BadExpirationDate"],
    ["a long collapse id", { "apns-collapse-id": "c".repeat(65) }, undefined, undefined, 400, "BadCollapseId"],
    ["an apns-id that is not a UUID", { "apns-id": "123" }, undefined, undefined, 400, "BadMessageId"],
    ["a payload over 4096 bytes", {}, JSON.stringify({ aps: { alert: "x".repeat(4100) } }), undefined, 413, "PayloadTooLarge"],
    ["an empty payload", {}, "", undefined, 400, "PayloadEmpty"],
    ["a payload without aps", {}, JSON.stringify({ a: 1 }), undefined, 400, "BadPayload"],
    ["a non-hex token", {}, undefined, "/3/device/zz", 404, "BadPath"],
  ])("refuses %s", async (_name, headers, body, path, status, reason) => {
    const answer = await push(headers, body, path);
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({ reason });
    expect(simulator.stats().delivered).toBe(0);
  });

  it("plays scripted answers in order per token, then the default, and answers 410 with a timestamp", async () => {
    simulator.script(token, [{ status: 410 }, { status: 429, retryAfter: 7 }]);
    const gone = await push({});
    expect(gone.status).toBe(410);
    expect(gone.json).toMatchObject({ reason: "Unregistered", timestamp: expect.any(Number) });
    const limited = await push({});
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("7");
    simulator.setDefault({ status: 500 });
    expect((await push({})).status).toBe(500);
    simulator.setDefault(null);
    expect((await push({})).status).toBe(200);
  });

  it("is driven over plain HTTP/1.1 through /__simulator on the same port", async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${simulator.url}/__simulator/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }).then(async (response) => ({ status: response.status, json: await response.json() }));
    expect((await control("script", { token, answers: [{ status: 400, reason: "BadDeviceToken" }] })).status).toBe(200);
    expect((await push({})).json).toEqual({ reason: "BadDeviceToken" });
    const apnsId = crypto.randomUUID();
    await push({ "apns-id": apnsId });
    await push({ "apns-id": apnsId });
    const deliveries = await control(`deliveries?token=${token}`);
    expect(deliveries.json).toMatchObject({ delivered: 1, duplicates: 1, deliveries: [{ token, apnsId }] });
    expect((await control("stats")).json).toMatchObject({ requests: 3, delivered: 1, duplicates: 1 });
    expect((await control("reset", {})).status).toBe(200);
    expect((await control("stats")).json).toMatchObject({ requests: 0, delivered: 0 });
    const otherKey = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    expect((await control("keys", { teamId: TEAM_ID, keyId: "OTHER12345", privateKeyPem: otherKey.export({ format: "pem", type: "pkcs8" }) })).status).toBe(200);
    expect((await push({ authorization: `bearer ${jwt(undefined, otherKey, "OTHER12345")}` })).status).toBe(200);
    expect((await control("nothing")).status).toBe(404);
  });

  it("keeps only counts when told not to keep payloads", async () => {
    const lean = await startApnsSimulator({ keepPayloads: false, trustAnyKey: true });
    const client = http2.connect(lean.url);
    try {
      const answer = await new Promise<number>((resolve) => {
        const stream = client.request({ ":method": "POST", ":path": `/3/device/${token}`, authorization: `bearer ${jwt(undefined, crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey)}`, "apns-topic": "t.t" });
        stream.on("response", (h) => resolve(Number(h[":status"])));
        stream.resume();
        stream.end(JSON.stringify({ aps: {} }));
      });
      expect(answer).toBe(200);
      expect(lean.countFor(token)).toBe(1);
      expect(lean.deliveries()).toHaveLength(0);
    } finally {
      client.close();
      await lean.stop();
    }
  });
});
