import { describe, expect, it } from "vitest";

import { ecdsaVerifyDer, generateKeyPair } from "../core/primitives";
import { expectPowerAuthError } from "../testing/test-helpers";
import {
  buildOfflinePayload,
  escapeOfflineText,
  parseOfflinePayload,
  unescapeOfflineText,
  verifyOfflinePayload,
} from "./offline-payload";

const master = generateKeyPair();
const server = generateKeyPair();
const NONCE = Buffer.from("000f1b38e34d03f5ef78d368d06f7566", "hex");
const OPERATION = {
  operationId: "5ff1b1ed-a3cc-45a3-8ab0-ed60950312b6",
  title: "Payment",
  message: "Please confirm this payment",
  operationData: "A1*A100CZK*ICZ2730300000001165254011*D20180425",
  flags: "B",
  nonce: NONCE,
};

describe("offline QR payload (§13.1)", () => {
  it("has the documented layout and signs everything up to and including K", () => {
    const { payload, nonce } = buildOfflinePayload(OPERATION, { keyIndicator: "0", masterPrivateKey: master.privateKey });
    expect(nonce).toBe("AA8bOONNA/XveNNo0G91Zg==");
    const lines = payload.split("\n");
    expect(lines.slice(0, 6)).toEqual([OPERATION.operationId, "Payment", "Please confirm this payment", OPERATION.operationData, "B", nonce]);
    expect(lines).toHaveLength(7);
    expect(lines[6]![0]).toBe("0");
    const signed = Buffer.from(`${lines.slice(0, 6).join("\n")}\n0`);
    expect(ecdsaVerifyDer(master.publicKey, signed, Buffer.from(lines[6]!.slice(1), "base64"))).toBe(true);
  });

  it("round-trips a personalised payload with a TOTP line and escaped text", () => {
    const input = { ...OPERATION, title: "Pay\\ment", message: "Line 1\nLine 2 ž", flags: "BXFC", totp: "46119246" };
    const { payload } = buildOfflinePayload(input, { keyIndicator: "1", serverPrivateKey: server.privateKey });
    expect(payload.split("\n")).toHaveLength(8);
    expect(payload.split("\n")[1]).toBe("Pay\\\\ment");
    const parsed = parseOfflinePayload(payload);
    expect(parsed).toMatchObject({
      operationId: OPERATION.operationId,
      title: "Pay\\ment",
      message: "Line 1\nLine 2 ž",
      operationData: OPERATION.operationData,
      flagsText: "BXFC",
      flags: { biometry: true, flipButtons: true, fraudWarning: true, blockWhenOnCall: true },
      totp: "46119246",
      keyIndicator: "1",
    });
    expect(parsed.nonce.equals(NONCE)).toBe(true);
    expect(verifyOfflinePayload(parsed, { serverPublicKey: server.publicKey })).toBe(true);
    // The wrong key for K, or a missing one.
    expect(verifyOfflinePayload(parsed, { serverPublicKey: master.publicKey })).toBe(false);
    expectPowerAuthError(() => verifyOfflinePayload(parsed, { masterPublicKey: master.publicKey }), "INVALID_KEY");
  });

  it("detects any change to the signed text", () => {
    const { payload } = buildOfflinePayload({ ...OPERATION, flags: "" }, { keyIndicator: "0", masterPrivateKey: master.privateKey });
    expect(verifyOfflinePayload(parseOfflinePayload(payload), { masterPublicKey: master.publicKey })).toBe(true);
    const tampered = payload.replace("A100CZK", "A900CZK");
    expect(verifyOfflinePayload(parseOfflinePayload(tampered), { masterPublicKey: master.publicKey })).toBe(false);
    // Switching K changes the signed bytes too.
    const switched = payload.replace(/\n0([^\n]+)$/, "\n1$1");
    expect(verifyOfflinePayload(parseOfflinePayload(switched), { serverPublicKey: master.publicKey })).toBe(false);
  });

  it("reads the nonce and signature from the last two lines when newer attributes are inserted", () => {
    const { payload } = buildOfflinePayload({ ...OPERATION, totp: "12345678" }, { keyIndicator: "0", masterPrivateKey: master.privateKey });
    const lines = payload.split("\n");
    const newer = [...lines.slice(0, 6), "FUTURE", ...lines.slice(6)].join("\n");
    const parsed = parseOfflinePayload(newer);
    expect(parsed.totp).toBe("12345678");
    expect(parsed.nonce.equals(NONCE)).toBe(true);
  });

  it("escapes and unescapes title/message text", () => {
    expect(escapeOfflineText("a\\b\nc")).toBe("a\\\\b\\nc");
    expect(unescapeOfflineText("a\\\\b\\nc\\x")).toBe("a\\b\nc\\x");
    expect(unescapeOfflineText(escapeOfflineText("\\n"))).toBe("\\n");
    expectPowerAuthError(() => escapeOfflineText("tab\there"), "INVALID_FORMAT");
    expectPowerAuthError(() => escapeOfflineText("cr\r"), "INVALID_FORMAT");
  });

  it("rejects bad input when building", () => {
    const signer = { keyIndicator: "0" as const, masterPrivateKey: master.privateKey };
    expectPowerAuthError(() => buildOfflinePayload({ ...OPERATION, operationId: "" }, signer), "INVALID_FORMAT");
    expectPowerAuthError(() => buildOfflinePayload({ ...OPERATION, operationData: "A1\n" }, signer), "INVALID_FORMAT");
    expectPowerAuthError(() => buildOfflinePayload({ ...OPERATION, flags: "Z" }, signer), "INVALID_FORMAT");
    expectPowerAuthError(() => buildOfflinePayload({ ...OPERATION, totp: "12a" }, signer), "INVALID_FORMAT");
    expectPowerAuthError(() => buildOfflinePayload({ ...OPERATION, nonce: Buffer.alloc(8) }, signer), "INVALID_LENGTH");
  });

  it("rejects malformed payloads when parsing", () => {
    const { payload } = buildOfflinePayload(OPERATION, { keyIndicator: "0", masterPrivateKey: master.privateKey });
    const lines = payload.split("\n");
    expectPowerAuthError(() => parseOfflinePayload(lines.slice(1).join("\n")), "INVALID_FORMAT");
    expectPowerAuthError(() => parseOfflinePayload(["", ...lines.slice(1)].join("\n")), "INVALID_FORMAT");
    expectPowerAuthError(() => parseOfflinePayload([...lines.slice(0, 5), "AAAA", lines[6]].join("\n")), "INVALID_LENGTH");
    expectPowerAuthError(() => parseOfflinePayload([...lines.slice(0, 6), `2${lines[6]!.slice(1)}`].join("\n")), "INVALID_FORMAT");
    expectPowerAuthError(() => parseOfflinePayload([...lines.slice(0, 6), "0%%%"].join("\n")), "INVALID_BASE64");
  });
});
