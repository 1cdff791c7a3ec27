/**
 * Micro-benchmark of the server-side protocol operations (`npm run bench:protocol [-- --quick] [-- --json]`).
 * Every input is made by the library's own device side and checked once to be valid before any
 * timing, so a row can never silently measure a failure path. Each row is compared with the bare
 * primitive it rests on (one HMAC-SHA256 of the same data size, one ECDH, one ECDSA sign + ECDH).
 */
import { realpathSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

import { generateActivationCode } from "../activation/activation-code";
import { computeMasterSecret, deriveActivationKeys } from "../activation/activation-keys";
import { generateApplicationVersionCredentials, generateMasterKeyPair } from "../activation/application-keys";
import { toBase64, utf8 } from "../core/encoding";
import {
  compressPublicKey,
  ecdh,
  ecdsaSignDer,
  ecdsaVerifyDer,
  generateKeyPair,
  hmacSha256,
  privateKeyObject,
  randomBytes,
} from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";
import { createActivationRequest, finishActivation } from "../device/create-activation";
import type { DeviceActivation } from "../device/device-state";
import { encryptActivationRequest } from "../device/encrypt-request";
import { computeOfflineOtpFromQr } from "../device/offline-otp";
import { signRequest, withAdvancedCounter } from "../device/sign-request";
import { buildDeviceTokenHeader, deviceTokenFromResponse } from "../device/use-token";
import { clientDecryptEciesResponse } from "../ecies/ecies-client";
import { ECIES_SHARED_INFO_1 } from "../ecies/ecies-core";
import { serverDecryptEciesRequest, serverEncryptEciesResponse } from "../ecies/ecies-server";
import { type EciesRequestPayload, parseEciesRequest } from "../ecies/ecies-wire";
import { buildOfflinePayload } from "../offline/offline-payload";
import { offlineSignatureData, verifyOfflineOtp } from "../offline/offline-signature";
import { parseAuthorizationHeader } from "../signature/authorization-header";
import { signatureFormatForVersion, verifySignature } from "../signature/signature";
import { onlineSignatureData, SIGNED_ENDPOINTS } from "../signature/signature-data";
import type { SignatureType } from "../signature/signature-type";
import { serverKeyExchange, TEST_ACTIVATION_ID } from "../testing/test-activation";
import { generateToken, parseTokenHeader, tokenCreateResponse, verifyToken } from "../token/token";

const NOW = 1_730_000_000_000; // one fixed clock for devices and server: no window can expire mid-run
const ACTIVATION_ID = TEST_ACTIVATION_ID;
const TARGET_MS = 700; // per row in full mode; --quick divides by 10
const SLOW_TARGET_MS = 500;
const MIN_BATCH_NS = 20_000; // ops faster than this are timed in batches, so the timer's own cost is negligible

interface Case {
  operation: string;
  baseline: string;
  run: () => unknown;
  slow?: boolean;
}
export interface Check {
  name: string;
  ok: boolean;
}
export interface Measurement {
  medianUs: number;
  p95Us: number;
  opsPerSec: number;
  calls: number;
}
export interface Row extends Measurement {
  operation: string;
  baseline: string;
  baselineMedianUs: number;
  ratio: number;
}
export interface BenchResult {
  environment: { node: string; cpu: string; cores: number; quick: boolean };
  checks: Check[];
  rows: Row[];
}

let sink: unknown; // keeps every result reachable, so no call can be optimised away
export const lastResult = () => sink;
const elapsedNs = (start: bigint) => Number(process.hrtime.bigint() - start);

/** Warm-up (≈10 % of the budget), then samples of `batch` calls each; median/p95 of the per-call mean. */
export function measure(fn: () => unknown, targetMs: number): Measurement {
  let warm = 0;
  const warmStart = process.hrtime.bigint();
  while (warm < 20 || elapsedNs(warmStart) < targetMs * 1e5) {
    sink = fn();
    warm++;
  }
  const estimateNs = elapsedNs(warmStart) / warm;
  const batch = Math.max(1, Math.ceil(MIN_BATCH_NS / estimateNs));
  const samples = Math.max(30, Math.round((targetMs * 1e6) / (estimateNs * batch)));
  const perCall = new Float64Array(samples);
  let totalNs = 0;
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    for (let b = 0; b < batch; b++) sink = fn();
    const ns = elapsedNs(start);
    totalNs += ns;
    perCall[s] = ns / batch;
  }
  perCall.sort();
  const at = (q: number) => perCall[Math.min(samples - 1, Math.floor(q * samples))]! / 1000;
  return { medianUs: at(0.5), p95Us: at(0.95), opsPerSec: (samples * batch * 1e9) / totalNs, calls: samples * batch };
}

/** A JSON body of exactly `size` bytes, shaped like an operation-approval request. */
function jsonBody(size: number): string {
  const request = { requestObject: { id: "5ff1b1ed-a3cc-45a3-8ab0-ed60950312b6", data: "A1*A100CZK*Q238400856/0300", note: "" } };
  request.requestObject.note = "Payment to Example s.r.o. ".repeat(64).slice(0, size - JSON.stringify(request).length);
  return JSON.stringify(request);
}

/** The whole server side of one activation key exchange (§7.2), as the tests run it. */
function serverActivation(app: { applicationKey: string; applicationSecret: string }, privateKey: Buffer, body: EciesRequestPayload) {
  return serverKeyExchange({ app, version: "3.3", privateKey, body, now: NOW });
}

const cycle = <T>(items: readonly T[]) => {
  let i = 0;
  return () => items[i++ % items.length]!;
};

/** Builds every input through the device side, checks each server result once, returns the timed cases. */
export function setupBench(quick: boolean): { checks: Check[]; cases: Case[]; baselines: Map<string, () => unknown> } {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean) => checks.push({ name, ok });
  const cases: Case[] = [];
  const baselines = new Map<string, () => unknown>();
  const hmacOf = (size: number) => {
    const name = `HMAC-SHA256 ${size} B`;
    const key = randomBytes(16);
    const data = randomBytes(size);
    baselines.set(name, () => hmacSha256(key, data));
    return name;
  };

  // --- Activation (3.3, type CODE, application-scope temporary key), device requests made up front.
  const master = generateMasterKeyPair();
  const app = { ...generateApplicationVersionCredentials(), masterServerPublicKey: toBase64(master.publicKey) };
  const appTemporary = generateKeyPair();
  const appTemporaryKey = { keyId: "9a1f3b52-6c7d-4e8f-a0b1-c2d3e4f5a6b7", publicKey: toBase64(appTemporary.publicKey), applicationKey: app.applicationKey, expiresAtMs: NOW + 300_000 };
  const requests = Array.from({ length: quick ? 8 : 64 }, () =>
    createActivationRequest({
      app, version: "3.3", activationCode: generateActivationCode(), temporaryKey: appTemporaryKey, now: NOW,
      activationName: "Jana's iPhone", platform: "ios", deviceInfo: "iPhone15,2 iOS 17.5",
    }),
  );
  const first = serverActivation(app, appTemporary.privateKey, requests[0]!.body);
  const finished = finishActivation(requests[0]!.pending, first.response);
  const activation: DeviceActivation = finished.activation;
  const { exchange } = first;
  const serverKeys = deriveActivationKeys(computeMasterSecret(exchange.serverKeyPair.privateKey, exchange.devicePublicKey));
  check("activation: device fingerprint equals server fingerprint", finished.fingerprint === exchange.fingerprint);
  check("activation: device and server derive the same transport key", activation.keys.transport === toBase64(serverKeys.transport));
  const nextRequest = cycle(requests);
  const signKey = privateKeyObject(master.privateKey);
  const signData = randomBytes(128);
  const peer = generateKeyPair();
  check("baseline: ECDSA signature verifies", ecdsaVerifyDer(master.publicKey, signData, ecdsaSignDer(signKey, signData)));
  const ecdsaEcdh = "ECDSA sign (DER) + ECDH";
  baselines.set(ecdsaEcdh, () => [ecdsaSignDer(signKey, signData), ecdh(exchange.serverKeyPair.privateKey, peer.publicKey)]);
  const activationCase: Case = { operation: "activation 3.3: server key exchange", baseline: ecdsaEcdh, slow: true, run: () => serverActivation(app, appTemporary.privateKey, nextRequest().body) };

  // --- Online signatures over a ~1 KB body, match at step 0 and no match in the 20-step window.
  const keys = { possession: serverKeys.signaturePossession, knowledge: serverKeys.signatureKnowledge, biometry: serverKeys.signatureBiometry };
  const uriId = SIGNED_ENDPOINTS.signatureValidate.uriId;
  const body = jsonBody(1024);
  let farAhead = activation;
  for (let i = 0; i < 20; i++) farAhead = withAdvancedCounter(farAhead);
  const types: [SignatureType, string][] = [["possession", "1FA"], ["possession_knowledge", "2FA"], ["possession_knowledge_biometry", "3FA"]];
  for (const [type, label] of types) {
    for (const [state, worst] of [[activation, false], [farAhead, true]] as const) {
      const auth = parseAuthorizationHeader(signRequest(state, { method: "POST", uriId, body, signatureType: type }).headerValue);
      const data = onlineSignatureData({ method: "POST", uriId, nonce: auth.nonce, body, applicationSecret: app.applicationSecret });
      const run = () => verifySignature({
        keys, ctrData: exchange.ctrData, counter: 0, signatureType: auth.signatureType, data,
        format: signatureFormatForVersion(auth.version), signature: auth.signature, failedAttempts: 0,
      });
      const result = run();
      const name = `verifySignature ${label} ${type}, ${worst ? "no match (20 steps)" : "match at step 0"}`;
      check(name, worst ? !result.valid && result.reason === "SIGNATURE_MISMATCH" : result.valid && result.matchedStep === 0);
      cases.push({ operation: name, baseline: hmacOf(data.length), run });
    }
  }

  // --- MAC token (3.3 digest input has the version suffix).
  const token = generateToken();
  const deviceToken = deviceTokenFromResponse(tokenCreateResponse(token));
  const tokenHeader = parseTokenHeader(buildDeviceTokenHeader(activation, deviceToken, { nowMs: NOW }).headerValue);
  const runToken = () => verifyToken(tokenHeader, token.tokenSecret, { now: NOW });
  check("verifyToken: valid header", runToken().valid);
  cases.push({ operation: "verifyToken 3.3 (valid header)", baseline: hmacOf(16 + utf8(`&${NOW}&3.3`).length), run: runToken });

  // --- ECIES, activation scope, ~1 KB plaintext: request decrypt (3.3, 3.1) and response encrypt.
  const ecdhName = "ECDH P-256";
  const ephemeral = compressPublicKey(generateKeyPair().publicKey);
  baselines.set(ecdhName, () => ecdh(exchange.serverKeyPair.privateKey, ephemeral));
  const actTemporary = generateKeyPair();
  const actTemporaryKey = { ...appTemporaryKey, keyId: "2f1e4c3a-5b6d-4e7f-8a9b-0c1d2e3f4a5b", publicKey: toBase64(actTemporary.publicKey), activationId: ACTIVATION_ID };
  const plaintext = utf8(jsonBody(1024));
  const scope = { applicationKey: app.applicationKey, applicationSecret: app.applicationSecret, activation: { activationId: ACTIVATION_ID, transportKey: serverKeys.transport } };
  const sharedInfo1 = ECIES_SHARED_INFO_1.ACTIVATION_SCOPE_GENERIC;
  let encryptCase: Case | undefined;
  for (const version of ["3.3", "3.1"] as ProtocolVersion[]) {
    const device = { ...activation, version };
    const sent = Array.from({ length: 16 }, () =>
      encryptActivationRequest(device, sharedInfo1, plaintext, { now: NOW, ...(version === "3.3" ? { temporaryKey: actTemporaryKey } : {}) }),
    );
    const options = { ...scope, sharedInfo1, privateKey: version === "3.3" ? actTemporary.privateKey : exchange.serverKeyPair.privateKey, now: NOW };
    const decrypt = (request: EciesRequestPayload) => serverDecryptEciesRequest(parseEciesRequest(request, version), options);
    const decrypted = decrypt(sent[0]!.body);
    check(`ECIES ${version} decrypt: plaintext round-trips`, decrypted.plaintext.equals(plaintext));
    const nextSent = cycle(sent);
    cases.push({ operation: `ECIES ${version} decrypt request (activation scope, 1 KB)`, baseline: ecdhName, run: () => decrypt(nextSent().body) });
    if (version === "3.3") {
      const encrypt = () => serverEncryptEciesResponse(decrypted.context, plaintext, { now: NOW });
      check("ECIES 3.3 encrypt: device decrypts the response", clientDecryptEciesResponse(sent[0]!.context, encrypt()).equals(plaintext));
      encryptCase = { operation: "ECIES 3.3 encrypt response (1 KB)", baseline: ecdhName, run: encrypt };
    }
  }
  cases.push(encryptCase!, activationCase);

  // --- Offline OTP (QR signed with the activation's server key, K=1), match at step 0.
  const operation = { operationId: "5ff1b1ed-a3cc-45a3-8ab0-ed60950312b6", operationData: "A1*A100CZK*Q238400856/0300*D20250101" };
  const qr = buildOfflinePayload({ ...operation, title: "Payment", message: "Confirm payment of 100 CZK" }, { keyIndicator: "1", serverPrivateKey: exchange.serverKeyPair.privateKey });
  const { otp } = computeOfflineOtpFromQr(activation, qr.payload);
  const runOffline = () => verifyOfflineOtp({ keys, ctrData: exchange.ctrData, counter: 0, ...operation, nonce: qr.nonce, otp, allowBiometry: false, failedAttempts: 0 });
  const offline = runOffline();
  check("verifyOfflineOtp: match at step 0", offline.valid && offline.matchedStep === 0);
  cases.push({ operation: "verifyOfflineOtp 2FA, match at step 0", baseline: hmacOf(offlineSignatureData({ ...operation, nonce: qr.nonce }).length), run: runOffline });

  return { checks, cases, baselines };
}

/** Setup and checks, then (only if every check passed) the timing of every case and baseline. */
export function runBench(options: { quick: boolean }): BenchResult {
  const { quick } = options;
  const cpus = os.cpus();
  const environment = { node: process.version, cpu: cpus[0]?.model.trim() ?? "unknown", cores: cpus.length, quick };
  const { checks, cases, baselines } = setupBench(quick);
  if (checks.some((c) => !c.ok)) return { environment, checks, rows: [] };
  const scale = quick ? 0.1 : 1;
  const baselineResults = new Map<string, Measurement>();
  for (const [name, fn] of baselines) baselineResults.set(name, measure(fn, TARGET_MS * scale));
  const rows = cases.map((c): Row => {
    const m = measure(c.run, (c.slow ? SLOW_TARGET_MS : TARGET_MS) * scale);
    const base = baselineResults.get(c.baseline)!;
    return { operation: c.operation, ...m, baseline: c.baseline, baselineMedianUs: base.medianUs, ratio: m.medianUs / base.medianUs };
  });
  return { environment, checks, rows };
}

const us = (value: number) => (value < 10 ? value.toFixed(2) : value < 1000 ? value.toFixed(1) : value.toFixed(0));

export function formatTable(result: BenchResult): string {
  const { node, cpu, cores, quick } = result.environment;
  const header = ["operation", "median µs", "p95 µs", "ops/s", "baseline", "baseline µs", "ratio"];
  const body = result.rows.map((r) => [
    r.operation, us(r.medianUs), us(r.p95Us), Math.round(r.opsPerSec).toLocaleString("en-US"), r.baseline, us(r.baselineMedianUs), `${r.ratio.toFixed(r.ratio < 1 ? 2 : 1)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ");
  return [
    `PowerAuth protocol benchmark: node ${node}, ${cpu}, ${cores} cores${quick ? " (quick mode: 10× fewer iterations)" : ""}`,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...body.map(line),
    "",
    "ratio = median / baseline median. Baselines: HMAC-SHA256 with a 16-byte key over the same number of bytes as the",
    "signed data; ECDH P-256 = primitives.ecdh (private scalar, 33-byte compressed point); ECDSA sign (DER) = P-256",
    "ecdsaSignDer with a prepared KeyObject over 128 bytes, plus one primitives.ecdh. Ops under 20 µs are timed in",
    "batches, so their p95 is over batch means. Numbers on shared machines are noisy: only the ratios are comparable",
    "across runs and machines.",
  ].join("\n");
}

function main(): void {
  const args = new Set(process.argv.slice(2));
  const result = runBench({ quick: args.has("--quick") });
  const failed = result.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    for (const c of failed) console.error(`validity check failed: ${c.name}`);
    process.exitCode = 1;
    return;
  }
  console.log(formatTable(result));
  if (args.has("--json")) console.log(JSON.stringify(result, null, 2));
}

/** True when this file is the script being run (not when a test imports it). */
function invokedDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) main();
