/**
 * The offline QR payload (powerauth-protocol.md §13.1):
 *
 *   {OPERATION_ID}\n{TITLE}\n{MESSAGE}\n{OPERATION_DATA}\n{FLAGS}\n[{TOTP}\n]{NONCE_B64}\n{K}{ECDSA_B64}
 *
 * The server builds and signs it (K=1 personalised: the activation's server private key; K=0
 * non-personalised: the master private key); the device parses it and checks the ECDSA signature
 * with the matching public key before computing an OTP.
 */
import type crypto from "node:crypto";

import { type Bytes, fromBase64, toBase64, utf8 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { ecdsaSignDer, ecdsaVerifyDer, randomBytes } from "../core/primitives";

/** `0` = master key (non-personalised), `1` = activation server key (personalised). */
export type OfflineKeyIndicator = "0" | "1";

export interface OfflineFlags {
  /** `B`: biometry may replace knowledge as the second factor. */
  biometry: boolean;
  /** `X`: swap the approve and reject buttons. */
  flipButtons: boolean;
  /** `F`: show a fraud warning. */
  fraudWarning: boolean;
  /** `C`: block approval during a phone call. */
  blockWhenOnCall: boolean;
}

export interface OfflinePayloadInput {
  operationId: string;
  /** Plain text; escaped here (`\n`, `\\`). */
  title: string;
  message: string;
  /** OPERATION_DATA (§13.2), e.g. built with `buildOperationData`. */
  operationData: string;
  /** Any of `B`, `X`, `F`, `C`; empty means knowledge is the only second factor. */
  flags?: string;
  /** Proximity-check TOTP line, when a seed is configured (`totp.ts`). */
  totp?: string;
  /** 16 bytes; random when omitted. */
  nonce?: Bytes;
}

export type OfflinePayloadSigner =
  | { keyIndicator: "1"; serverPrivateKey: Bytes | crypto.KeyObject }
  | { keyIndicator: "0"; masterPrivateKey: Bytes | crypto.KeyObject };

export interface BuiltOfflinePayload {
  /** The text to encode in the QR code. */
  payload: string;
  /** Base64 nonce; store it with the operation, verification needs it (§13.1). */
  nonce: string;
}

/**
 * TITLE and MESSAGE escaping: `\` → `\\`, newline → `\n`. Any other control character below 32
 * cannot be represented and is rejected (§13.1).
 */
export function escapeOfflineText(text: string): string {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new PowerAuthError("INVALID_FORMAT", "offline title/message must not contain control characters other than newline");
  }
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** Inverse of `escapeOfflineText`; an unknown escape `\x` is kept as is. */
export function unescapeOfflineText(text: string): string {
  return text.replace(/\\([\s\S])/g, (pair, char: string) => (char === "n" ? "\n" : char === "\\" ? "\\" : pair));
}

function singleLine(value: string, what: string): string {
  if (typeof value !== "string" || /[\u0000-\u001f]/.test(value)) {
    throw new PowerAuthError("INVALID_FORMAT", `offline ${what} must be one line without control characters`);
  }
  return value;
}

/** Builds and signs the QR payload. The ECDSA covers every byte up to and including K (§13.1). */
export function buildOfflinePayload(input: OfflinePayloadInput, signer: OfflinePayloadSigner): BuiltOfflinePayload {
  if (!singleLine(input.operationId, "operation id")) throw new PowerAuthError("INVALID_FORMAT", "operation id is empty");
  const flags = input.flags ?? "";
  if (!/^[BXFC]*$/.test(flags)) throw new PowerAuthError("INVALID_FORMAT", "offline flags may only contain B, X, F, C");
  if (input.totp !== undefined && !/^[0-9]+$/.test(input.totp)) {
    throw new PowerAuthError("INVALID_FORMAT", "offline TOTP must be decimal digits");
  }
  const nonceBytes = input.nonce ?? randomBytes(16);
  if (nonceBytes.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "offline nonce must be 16 bytes");
  const nonce = toBase64(nonceBytes);
  const lines = [
    input.operationId,
    escapeOfflineText(input.title),
    escapeOfflineText(input.message),
    singleLine(input.operationData, "operation data"),
    flags,
    ...(input.totp !== undefined ? [input.totp] : []),
    nonce,
  ];
  const signedText = `${lines.join("\n")}\n${signer.keyIndicator}`;
  const key = signer.keyIndicator === "1" ? signer.serverPrivateKey : signer.masterPrivateKey;
  const signature = ecdsaSignDer(key, utf8(signedText));
  return { payload: `${signedText}${toBase64(signature)}`, nonce };
}

export interface OfflinePayload {
  operationId: string;
  /** Unescaped. */
  title: string;
  message: string;
  operationData: string;
  flagsText: string;
  flags: OfflineFlags;
  /** The TOTP line, or null when the payload has none. */
  totp: string | null;
  nonce: Buffer;
  nonceBase64: string;
  keyIndicator: OfflineKeyIndicator;
  /** DER ECDSA signature. */
  signature: Buffer;
  /** The exact bytes the signature covers. */
  signedData: Buffer;
}

const MIN_LINES = 7;

/**
 * Parses a scanned payload (device side). The nonce and signature are always the LAST two lines,
 * since newer attributes are inserted before the nonce (§13.1); with more than 7 lines the sixth is
 * the TOTP. Does not check the signature: call `verifyOfflinePayload`.
 */
export function parseOfflinePayload(payload: string): OfflinePayload {
  if (typeof payload !== "string") throw new PowerAuthError("INVALID_FORMAT", "offline payload must be text");
  const lines = payload.split("\n");
  if (lines.length < MIN_LINES) {
    throw new PowerAuthError("INVALID_FORMAT", `offline payload needs at least ${MIN_LINES} lines, got ${lines.length}`);
  }
  const [operationId, title, message, operationData, flagsText] = lines as [string, string, string, string, string];
  if (operationId.length === 0) throw new PowerAuthError("INVALID_FORMAT", "offline payload has an empty operation id");
  const nonceBase64 = lines[lines.length - 2]!;
  const signatureLine = lines[lines.length - 1]!;
  const nonce = fromBase64(nonceBase64, "offline nonce", 16);
  const keyIndicator = signatureLine[0];
  if (keyIndicator !== "0" && keyIndicator !== "1") {
    throw new PowerAuthError("INVALID_FORMAT", `unsupported offline signing key indicator '${keyIndicator ?? ""}'`);
  }
  const signature = fromBase64(signatureLine.slice(1), "offline ECDSA signature");
  if (signature.length < 8 || signature.length > 80) {
    throw new PowerAuthError("INVALID_LENGTH", "offline ECDSA signature has an impossible length");
  }
  const totp = lines.length > MIN_LINES ? lines[5]! : null;
  return {
    operationId,
    title: unescapeOfflineText(title),
    message: unescapeOfflineText(message),
    operationData,
    flagsText,
    flags: {
      biometry: flagsText.includes("B"),
      flipButtons: flagsText.includes("X"),
      fraudWarning: flagsText.includes("F"),
      blockWhenOnCall: flagsText.includes("C"),
    },
    totp,
    nonce,
    nonceBase64,
    keyIndicator,
    signature,
    signedData: utf8(payload.slice(0, payload.length - signatureLine.length + 1)),
  };
}

export interface OfflineVerificationKeys {
  /** For K=0. */
  masterPublicKey?: Bytes | crypto.KeyObject;
  /** For K=1: the activation's server public key, obtained at activation. */
  serverPublicKey?: Bytes | crypto.KeyObject;
}

/** Checks the payload's ECDSA with the key its K names; a missing key is `INVALID_KEY`. */
export function verifyOfflinePayload(payload: OfflinePayload, keys: OfflineVerificationKeys): boolean {
  const key = payload.keyIndicator === "0" ? keys.masterPublicKey : keys.serverPublicKey;
  if (!key) {
    throw new PowerAuthError(
      "INVALID_KEY",
      payload.keyIndicator === "0" ? "the master public key is required (K=0)" : "the server public key is required (K=1)",
    );
  }
  return ecdsaVerifyDer(key, payload.signedData, payload.signature);
}
