/**
 * Client (device) side of ECIES (powerauth-protocol.md §5): encrypt a request to a server public
 * key and decrypt the matching response. The context kept between the two is a plain JSON object
 * with Base64 strings, so a simulated device can store it like the rest of its state.
 *
 * The functions are named for their side first (`client…`), like the reference's
 * `ClientEncryptor` and `ServerEncryptor` (`ecies-server.ts`): both sides encrypt and decrypt,
 * so only the side tells the four operations apart at a glance.
 */
import { type Bytes, fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid } from "../core/identifiers";
import { type EcKeyPair, compressPublicKey, generateKeyPair, randomBytes } from "../core/primitives";
import { type ProtocolVersion, parseProtocolVersion } from "../core/protocol-version";
import {
  type EciesCryptoContext,
  type EciesScope,
  type EciesScopeInput,
  type EciesSharedInfo1,
  createCryptoContext,
  deriveEnvelope,
  eciesRules,
  eciesScopeOf,
  openPayload,
  sealPayload,
  sharedInfo1Bytes,
} from "./ecies-core";
import { type EciesRequestPayload, formatEciesRequest, parseEciesResponse } from "./ecies-wire";

export interface EciesClientEncryptOptions extends EciesScopeInput {
  version: ProtocolVersion;
  sharedInfo1: EciesSharedInfo1;
  /** Master / activation server public key (3.0–3.2) or the temporary public key (3.3). */
  serverPublicKey: Bytes;
  /** Required for 3.3, forbidden before (§5.3 step 1). */
  temporaryKeyId?: string;
  /** Current (server-synchronised) time in ms; the 3.2+ request timestamp. */
  now: number;
  /** Test hooks: a fixed ephemeral key pair and request nonce. */
  ephemeralKeyPair?: EcKeyPair;
  nonce?: Bytes;
}

/** Serialisable state between sending a request and reading its response. */
export interface EciesClientContext {
  version: ProtocolVersion;
  sharedInfo1: EciesSharedInfo1;
  scope: EciesScope;
  encKey: string;
  macKey: string;
  ivKey: string;
  sh2Base: string;
  associatedData: string | null;
  requestNonce: string | null;
}

export interface EciesClientEncryptResult {
  request: EciesRequestPayload;
  context: EciesClientContext;
}

/** Encrypts `plaintext` into a request object for `options.version` (§5.2, §5.3 seen from the client). */
export function clientEncryptEciesRequest(plaintext: Bytes, options: EciesClientEncryptOptions): EciesClientEncryptResult {
  // The version may come from deserialised device state: check it at run time too.
  const version = parseProtocolVersion(options.version);
  const rules = eciesRules(version);
  const temporaryKeyId = options.temporaryKeyId ?? null;
  if (rules.hasTemporaryKey && !isUuid(temporaryKeyId)) {
    throw new PowerAuthError("INVALID_FORMAT", `ECIES ${version} needs the temporary key ID (a UUID)`);
  }
  if (!rules.hasTemporaryKey && temporaryKeyId !== null) {
    throw new PowerAuthError("INVALID_FORMAT", `ECIES ${version} has no temporary keys`);
  }
  const ephemeral = options.ephemeralKeyPair ?? generateKeyPair();
  // The SDK sends the compressed 33-byte form; those exact bytes enter the KDF and SH2.
  const ephemeralKey = compressPublicKey(ephemeral.publicKey);
  const nonce = rules.hasNonce ? Buffer.from(options.nonce ?? randomBytes(16)) : null;
  if (nonce !== null && nonce.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "ECIES nonce must be 16 bytes");
  const timestamp = rules.hasTimestamp ? options.now : null;
  const envelope = deriveEnvelope(
    ephemeral.privateKey,
    options.serverPublicKey,
    sharedInfo1Bytes(version, options.sharedInfo1),
    ephemeralKey,
  );
  const crypto = createCryptoContext(version, options.sharedInfo1, envelope, options, temporaryKeyId, nonce);
  const sealed = sealPayload(crypto, plaintext, { nonce, timestamp, ephemeralKey });
  return {
    request: formatEciesRequest({ version, ephemeralPublicKey: ephemeralKey, ...sealed, nonce, timestamp, temporaryKeyId }),
    context: toClientContext(crypto),
  };
}

/**
 * Verifies and decrypts the server's response (§5.4). The response must have the fields of its
 * version (§19.11); its MAC is checked in constant time before decryption.
 */
export function clientDecryptEciesResponse(context: EciesClientContext, response: unknown): Buffer {
  const crypto = fromClientContext(context);
  const parsed = parseEciesResponse(response, context.version);
  // 3.1 reuses the request nonce for the IV; 3.2+ bring their own nonce; 3.0 has none.
  const nonce = eciesRules(context.version).hasTimestamp ? parsed.nonce : crypto.requestNonce;
  return openPayload(crypto, parsed.encryptedData, parsed.mac, { nonce, timestamp: parsed.timestamp, ephemeralKey: null });
}

function toClientContext(crypto: EciesCryptoContext): EciesClientContext {
  return {
    version: crypto.version,
    sharedInfo1: crypto.sharedInfo1,
    scope: crypto.scope,
    encKey: toBase64(crypto.envelope.encKey),
    macKey: toBase64(crypto.envelope.macKey),
    ivKey: toBase64(crypto.envelope.ivKey),
    sh2Base: toBase64(crypto.sh2Base),
    associatedData: crypto.associatedData && toBase64(crypto.associatedData),
    requestNonce: crypto.requestNonce && toBase64(crypto.requestNonce),
  };
}

/** Rebuilds the context from (possibly stored) JSON, checking every field. */
function fromClientContext(context: EciesClientContext): EciesCryptoContext {
  const scope = eciesScopeOf(context.sharedInfo1);
  if (context.scope !== scope) throw new PowerAuthError("INVALID_FORMAT", "ECIES context scope does not match its SharedInfo1");
  return {
    version: parseProtocolVersion(context.version, "ECIES context version"),
    sharedInfo1: context.sharedInfo1,
    scope,
    envelope: {
      encKey: fromBase64(context.encKey, "context encKey", 16),
      macKey: fromBase64(context.macKey, "context macKey", 16),
      ivKey: fromBase64(context.ivKey, "context ivKey", 16),
    },
    sh2Base: fromBase64(context.sh2Base, "context sh2Base", 32),
    associatedData: context.associatedData === null ? null : fromBase64(context.associatedData, "context associatedData"),
    requestNonce: context.requestNonce === null ? null : fromBase64(context.requestNonce, "context requestNonce", 16),
  };
}
