/**
 * The device simulator: a PowerAuth phone over HTTP against a running server, built on the device
 * side of the protocol library (`@/powerauth/device`). Tests, demos and the `npm run device` CLI use
 * it. Everything it knows is one plain JSON object (`DeviceSimulatorState`), so a phone can be kept
 * in a file and resumed; every call that changes it (activation, a signature's counter step, a
 * status sync) replaces `client.state`.
 *
 * Extending it (token create/use, operations, offline OTPs): add a method or a function over the
 * client that uses the building blocks here (`post`, `signHeaders`, `temporaryKey`, `now`).
 */
import {
  acceptTemporaryKeyResponse,
  autoCorrectActivationCode,
  buildDeviceTokenHeader,
  clientDecryptEciesResponse,
  computeOfflineOtpFromQr,
  createActivationRequest,
  createStatusRequest,
  createTemporaryKeyRequest,
  decodeMobileSdkConfig,
  deviceTokenFromResponse,
  ECIES_SHARED_INFO_1,
  encryptActivationRequest,
  ENCRYPTION_HEADER_NAME,
  finishActivation,
  isTemporaryKeyUsable,
  openVaultUnlockResponse,
  processStatusResponse,
  SIGNATURE_TYPES,
  SIGNED_ENDPOINTS,
  signRequest,
  type DeviceActivation,
  type DeviceActivationStatus,
  type DeviceAppConfig,
  type DeviceTemporaryKey,
  type EciesSharedInfo1,
  type ProtocolVersion,
  type SignatureType,
} from "@/powerauth/device";

export interface DeviceSimulatorState {
  /** The app's configuration: application key, secret and master public key (`mobileSdkConfig`, §2). */
  app: DeviceAppConfig;
  /** Server clock minus local clock in ms, learnt from `/pa/v3/status` (3.2+ SDKs synchronise, §12). */
  timeOffsetMs: number;
  /** 3.3 temporary keys by scope, kept until shortly before they expire (§6). */
  temporaryKeys: { application?: DeviceTemporaryKey; activation?: DeviceTemporaryKey };
  /** The activation, once the key exchange finished (§7, §8, §10.3). */
  activation?: DeviceActivation;
  /** The fingerprint the user compares with the bank's before commit (§7.3). */
  fingerprint?: string;
  /** True after the device removed its own registration. */
  removed?: boolean;
  /** MAC tokens by their local name (the SDK names them; `possession_universal` is Mobile Token's), §11. */
  tokens?: Record<string, StoredDeviceToken>;
}

/** A token from `/pa/v3/token/create`, with the signature type that created it. */
export interface StoredDeviceToken {
  tokenId: string;
  /** Base64 of the 16-byte secret. */
  tokenSecret: string;
  signatureType: SignatureType;
}

/** The token name the Mobile Token SDK uses (§11.1). */
export const DEFAULT_TOKEN_NAME = "possession_universal";

/** A factor list (`["possession","knowledge"]`) or a signature type (`possession_knowledge`). */
export type Factors = SignatureType | readonly ("possession" | "knowledge" | "biometry")[];

/** What the server answered when it was not a success. */
export class DeviceApiError extends Error {
  override readonly name = "DeviceApiError";

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly path: string,
  ) {
    const code = (body as { responseObject?: { code?: string } } | null)?.responseObject?.code;
    const message = (body as { responseObject?: { message?: string } } | null)?.responseObject?.message;
    super(`${path} answered ${status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}`);
  }

  /** The error code of the envelope, if any. */
  get code(): string | undefined {
    return (this.body as { responseObject?: { code?: string } } | null)?.responseObject?.code;
  }
}

export function newDeviceState(mobileSdkConfig: string): DeviceSimulatorState {
  return { app: decodeMobileSdkConfig(mobileSdkConfig), timeOffsetMs: 0, temporaryKeys: {} };
}

const FACTORS = ["possession", "knowledge", "biometry"] as const;

export function signatureTypeOf(factors: Factors): SignatureType {
  if (typeof factors === "string") {
    if (!(SIGNATURE_TYPES as readonly string[]).includes(factors)) throw new Error(`Unknown signature type: ${factors}`);
    return factors;
  }
  const type = FACTORS.filter((factor) => factors.includes(factor)).join("_");
  if (!(SIGNATURE_TYPES as readonly string[]).includes(type)) throw new Error(`No signature type for the factors ${factors.join(", ")}`);
  return type as SignatureType;
}

/** A signature type, or factors separated by commas (`possession,knowledge`), from the command line. */
export function parseFactors(text: string): SignatureType {
  const parts = text.split(",").map((part) => part.trim()).filter(Boolean);
  if (parts.length === 1) return signatureTypeOf(parts[0] as SignatureType);
  const unknown = parts.find((part) => !(FACTORS as readonly string[]).includes(part));
  if (unknown) throw new Error(`Unknown factor: ${unknown}`);
  return signatureTypeOf(parts as (typeof FACTORS)[number][]);
}

/** An operation as the Mobile Token API shows it (§14). */
export interface MobileTokenOperation {
  id: string;
  name: string;
  data: string;
  status: string;
  statusReason?: string;
  operationCreated: string;
  operationExpires: string;
  allowedSignatureType: { type: string; variants: string[] };
  formData: { title: string; message: string; attributes: Record<string, unknown>[]; resultTexts?: Record<string, string> };
  ui?: { flipButtons: boolean; blockApprovalOnCall: boolean };
}

export interface ActivateInput {
  /** The scanned QR text `CODE#SIGNATURE` (its signature is verified with the master key)… */
  qr?: string;
  /** …or the code typed by hand (auto-corrected, CRC-checked). */
  code?: string;
  version?: ProtocolVersion;
  otp?: string;
  name?: string;
  platform?: string;
  deviceInfo?: string;
}

export interface SignHeadersInput {
  method: string;
  /** The endpoint's URI id (§10.7), e.g. `/pa/activation/remove`. */
  uriId: string;
  /** The exact body that will be sent (raw bytes or text). */
  body?: string | Uint8Array;
  /** For GET requests: the query that will be sent. */
  query?: string | Record<string, string>;
  factors: Factors;
}

export class DeviceClient {
  #state: DeviceSimulatorState;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;

  constructor({ baseUrl, state, fetch: fetchImpl = fetch }: { baseUrl: string; state: DeviceSimulatorState; fetch?: typeof fetch }) {
    this.#baseUrl = baseUrl.replace(/\/+$/, "");
    this.#state = structuredClone(state);
    this.#fetch = fetchImpl;
  }

  /** The server this device talks to. */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** A copy of the state, to store. */
  get state(): DeviceSimulatorState {
    return structuredClone(this.#state);
  }

  get activation(): DeviceActivation {
    if (!this.#state.activation || this.#state.removed) throw new Error("This device is not activated");
    return this.#state.activation;
  }

  /** The server-synchronised time in ms. */
  now(): number {
    return Date.now() + this.#state.timeOffsetMs;
  }

  /** POSTs a body (JSON text as given, or an object serialised) and returns the parsed answer; non-2xx throws. */
  async post(path: string, body: string | object, headers: Record<string, string> = {}): Promise<unknown> {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const response = await this.#fetch(`${this.#baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: text,
    });
    const raw = await response.text();
    let parsed: unknown = raw;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      // Keep the text: the error below shows it.
    }
    if (!response.ok) throw new DeviceApiError(response.status, parsed, path);
    return parsed;
  }

  /** `/pa/v3/status`: learns the server's clock (the SDK does this before 3.2+ encryption). */
  async syncTime(): Promise<number> {
    const sent = Date.now();
    const answer = (await this.post("/pa/v3/status", {})) as { responseObject: { serverTime: number } };
    const received = Date.now();
    this.#state.timeOffsetMs = Math.round(answer.responseObject.serverTime - (sent + received) / 2);
    return answer.responseObject.serverTime;
  }

  /** A usable 3.3 temporary key of the scope, fetched from `/pa/v3/keystore/create` when none is cached (§6). */
  async temporaryKey(scope: "application" | "activation"): Promise<DeviceTemporaryKey> {
    const cached = this.#state.temporaryKeys[scope];
    if (cached && isTemporaryKeyUsable(cached, this.now())) return cached;
    const activation = scope === "activation" ? this.activation : undefined;
    const { body, pending } = createTemporaryKeyRequest(this.#state.app, activation);
    const answer = (await this.post("/pa/v3/keystore/create", body)) as { responseObject: { jwt: string } };
    const key = acceptTemporaryKeyResponse(answer.responseObject.jwt, pending, { app: this.#state.app, ...(activation ? { activation } : {}), now: this.now() });
    this.#state.temporaryKeys[scope] = key;
    return key;
  }

  /** Forgets cached temporary keys (e.g. after the server refused one). */
  forgetTemporaryKeys(): void {
    this.#state.temporaryKeys = {};
  }

  /** The key exchange (`/pa/v3/activation/create`, §7) from a QR text or a typed code. */
  async activate(input: ActivateInput): Promise<{ activationId: string; fingerprint: string }> {
    if ((input.qr === undefined) === (input.code === undefined)) throw new Error("Give either qr or code");
    const version = input.version ?? "3.3";
    await this.syncTime();
    const temporaryKey = version === "3.3" ? await this.temporaryKey("application") : undefined;
    const request = createActivationRequest({
      app: this.#state.app,
      version,
      activationCode: input.qr ?? autoCorrectActivationCode(input.code!.trim()),
      ...(input.otp !== undefined ? { activationOtp: input.otp } : {}),
      activationName: input.name ?? "Simulated device",
      platform: input.platform ?? "unknown",
      deviceInfo: input.deviceInfo ?? "guardline-device-simulator",
      ...(temporaryKey ? { temporaryKey } : {}),
      now: this.now(),
    });
    const answer = await this.post("/pa/v3/activation/create", request.body, { [ENCRYPTION_HEADER_NAME]: request.encryptionHeader });
    const finished = finishActivation(request.pending, answer);
    this.#state = { ...this.#state, activation: finished.activation, fingerprint: finished.fingerprint, removed: false, temporaryKeys: { ...this.#state.temporaryKeys, activation: undefined } };
    return { activationId: finished.activation.activationId, fingerprint: finished.fingerprint };
  }

  /** `/pa/v3/activation/status` (§9): decrypts the blob and synchronises the counter. */
  async status(): Promise<DeviceActivationStatus & { activationId: string }> {
    const activation = this.activation;
    const request = createStatusRequest(activation);
    const answer = (await this.post("/pa/v3/activation/status", request.body)) as { responseObject: unknown };
    const result = processStatusResponse(activation, request.pending, answer.responseObject);
    this.#state.activation = result.activation;
    return { activationId: activation.activationId, ...result.status };
  }

  /**
   * Signs one request with the chosen factors (§10) and returns its `X-PowerAuth-Authorization`
   * header; the stored counter moves on by one step, whether or not the request is ever sent.
   */
  signHeaders(input: SignHeadersInput): Record<string, string> {
    const signed = signRequest(this.activation, {
      method: input.method,
      uriId: input.uriId,
      ...(input.body !== undefined ? { body: typeof input.body === "string" ? input.body : Buffer.from(input.body) } : {}),
      ...(input.query !== undefined ? { query: input.query } : {}),
      signatureType: signatureTypeOf(input.factors),
    });
    this.#state.activation = signed.state;
    return { [signed.headerName]: signed.headerValue };
  }

  /** `/pa/v3/activation/remove` (§12), signed with possession and knowledge unless told otherwise. */
  async remove(factors: Factors = "possession_knowledge"): Promise<{ activationId: string }> {
    const body = "{}";
    const headers = this.signHeaders({ method: "POST", uriId: SIGNED_ENDPOINTS.activationRemove.uriId, body, factors });
    const answer = (await this.post("/pa/v3/activation/remove", body, headers)) as { responseObject: { activationId: string } };
    this.#state.removed = true;
    return answer.responseObject;
  }

  // -------------------------------------------------------------------------------------------
  // Tokens (§11), signature validation and the secure vault (§12)
  // -------------------------------------------------------------------------------------------

  /**
   * An activation-scope ECIES request (3.3: with an activation temporary key) whose encrypted body
   * is then signed (encrypt-then-sign, §19.9), posted to `path`, and its ECIES answer decrypted.
   */
  async #signedEciesCall(path: string, uriId: string, sharedInfo1: EciesSharedInfo1, plaintext: object, factors: Factors): Promise<unknown> {
    const activation = this.activation;
    if (activation.version !== "3.0") await this.syncTime();
    const temporaryKey = activation.version === "3.3" ? await this.temporaryKey("activation") : undefined;
    const encrypted = encryptActivationRequest(activation, sharedInfo1, Buffer.from(JSON.stringify(plaintext)), { now: this.now(), ...(temporaryKey ? { temporaryKey } : {}) });
    const body = JSON.stringify(encrypted.body);
    const headers = this.signHeaders({ method: "POST", uriId, body, factors });
    const answer = await this.post(path, body, headers);
    return JSON.parse(clientDecryptEciesResponse(encrypted.context, answer).toString("utf8")) as unknown;
  }

  /** `/pa/v3/token/create` (§11.1): a new token, kept in the state under `name`. */
  async createToken({ name = DEFAULT_TOKEN_NAME, factors = "possession" }: { name?: string; factors?: Factors } = {}): Promise<StoredDeviceToken & { name: string }> {
    const signatureType = signatureTypeOf(factors);
    const answer = await this.#signedEciesCall(SIGNED_ENDPOINTS.tokenCreate.path, SIGNED_ENDPOINTS.tokenCreate.uriId, ECIES_SHARED_INFO_1.CREATE_TOKEN, {}, signatureType);
    const token = { ...deviceTokenFromResponse(answer), signatureType };
    this.#state.tokens = { ...this.#state.tokens, [name]: token };
    return { name, ...token };
  }

  /** The stored token of that name. */
  token(name = DEFAULT_TOKEN_NAME): StoredDeviceToken {
    const token = this.#state.tokens?.[name];
    if (!token) throw new Error(`This device has no token named ${name}`);
    return token;
  }

  /** A fresh `X-PowerAuth-Token` header (§11.2) for the stored token, on the server-synchronised clock. */
  tokenHeader({ name = DEFAULT_TOKEN_NAME, nowMs = this.now() }: { name?: string; nowMs?: number } = {}): Record<string, string> {
    const token = this.token(name);
    const header = buildDeviceTokenHeader(this.activation, token, { nowMs });
    return { [header.headerName]: header.headerValue };
  }

  /** `/pa/v3/token/remove` (§11.3), signed; the token is forgotten locally as well. */
  async removeToken({ name = DEFAULT_TOKEN_NAME, tokenId, factors = "possession" }: { name?: string; tokenId?: string; factors?: Factors } = {}): Promise<{ tokenId: string }> {
    const id = tokenId ?? this.token(name).tokenId;
    const body = JSON.stringify({ requestObject: { tokenId: id } });
    const headers = this.signHeaders({ method: "POST", uriId: SIGNED_ENDPOINTS.tokenRemove.uriId, body, factors });
    const answer = (await this.post(SIGNED_ENDPOINTS.tokenRemove.path, body, headers)) as { responseObject: { tokenId: string } };
    const tokens = { ...this.#state.tokens };
    for (const [key, value] of Object.entries(tokens)) if (value.tokenId === id) delete tokens[key];
    this.#state.tokens = tokens;
    return answer.responseObject;
  }

  /** `POST /pa/v3/signature/validate` (§12): true when the server accepted the signature. */
  async validateSignature({ body = "{}", factors = "possession_knowledge" }: { body?: string; factors?: Factors } = {}): Promise<{ status: string }> {
    const headers = this.signHeaders({ method: "POST", uriId: SIGNED_ENDPOINTS.signatureValidate.uriId, body, factors });
    return (await this.post(SIGNED_ENDPOINTS.signatureValidate.path, body, headers)) as { status: string };
  }

  /** `/pa/v3/vault/unlock` (§12): the vault encryption key (Base64), checked against the device's own derivation. */
  async unlockVault({ reason = "FETCH_ENCRYPTION_KEY", factors = "possession_knowledge" }: { reason?: string | null; factors?: Factors } = {}): Promise<{ vaultEncryptionKey: string }> {
    const answer = await this.#signedEciesCall(
      SIGNED_ENDPOINTS.vaultUnlock.path,
      SIGNED_ENDPOINTS.vaultUnlock.uriId,
      ECIES_SHARED_INFO_1.VAULT_UNLOCK,
      reason === null ? {} : { reason },
      factors,
    );
    return { vaultEncryptionKey: openVaultUnlockResponse(this.activation, answer) };
  }

  // -------------------------------------------------------------------------------------------
  // Mobile Token operations (powerauth-protocol.md §14) and offline OTPs (§13). The list, detail
  // and claim are signed (the API document's way; the server also takes a token), with possession.
  // -------------------------------------------------------------------------------------------

  /** POSTs a JSON body signed for the endpoint with the factors; the counter moves on one step. */
  async signedPost(path: string, uriId: string, body: object, factors: Factors, headers: Record<string, string> = {}): Promise<unknown> {
    const text = JSON.stringify(body);
    return this.post(path, text, { ...this.signHeaders({ method: "POST", uriId, body: text, factors }), ...headers });
  }

  /** `operation/list`: the user's pending operations. */
  async listOperations({ acceptLanguage = "en" }: { acceptLanguage?: string } = {}): Promise<MobileTokenOperation[]> {
    const endpoint = SIGNED_ENDPOINTS.operationList;
    const answer = (await this.signedPost(endpoint.path, endpoint.uriId, {}, "possession", { "Accept-Language": acceptLanguage })) as { responseObject: MobileTokenOperation[] };
    return answer.responseObject;
  }

  /** `operation/detail`, or `operation/detail/claim` with `claim`. */
  async operationDetail(id: string, { claim = false, acceptLanguage = "en" }: { claim?: boolean; acceptLanguage?: string } = {}): Promise<MobileTokenOperation> {
    const endpoint = claim ? SIGNED_ENDPOINTS.operationClaim : SIGNED_ENDPOINTS.operationDetail;
    const answer = (await this.signedPost(endpoint.path, endpoint.uriId, { requestObject: { id } }, "possession", { "Accept-Language": acceptLanguage })) as { responseObject: MobileTokenOperation };
    return answer.responseObject;
  }

  /** `operation/history`: every operation of the user, signed with knowledge (or biometry). */
  async operationHistory(factors: Factors = "possession_knowledge"): Promise<MobileTokenOperation[]> {
    const endpoint = SIGNED_ENDPOINTS.operationHistory;
    const answer = (await this.signedPost(endpoint.path, endpoint.uriId, {}, factors)) as { responseObject: MobileTokenOperation[] };
    return answer.responseObject;
  }

  /** `operation/authorize`: approves the operation's data with the factors (its first allowed variant by default). */
  async approveOperation(operation: { id: string; data: string }, { factors, proximityOtp }: { factors?: Factors; proximityOtp?: string } = {}): Promise<void> {
    const endpoint = SIGNED_ENDPOINTS.operationAuthorize;
    const requestObject = { id: operation.id, data: operation.data, ...(proximityOtp ? { proximityCheck: { otp: proximityOtp, type: "QR_CODE", timestampReceived: new Date(this.now()).toISOString() } } : {}) };
    await this.signedPost(endpoint.path, endpoint.uriId, { requestObject }, factors ?? "possession_knowledge");
  }

  /** `operation/cancel`: the user rejects the operation, with a reason. */
  async rejectOperation(id: string, reason = "UNKNOWN"): Promise<void> {
    const endpoint = SIGNED_ENDPOINTS.operationCancel;
    await this.signedPost(endpoint.path, endpoint.uriId, { requestObject: { id, reason } }, "possession");
  }

  /** The OTP for a scanned offline QR payload (§13.3); the QR signature is checked, the counter moves on. */
  offlineOtp(payload: string, { biometry = false }: { biometry?: boolean } = {}): { otp: string; operationId: string; title: string; message: string; data: string; flags: string } {
    const result = computeOfflineOtpFromQr(this.activation, payload, { signatureType: biometry ? "possession_biometry" : "possession_knowledge" });
    this.#state.activation = result.state;
    return { otp: result.otp, operationId: result.operation.operationId, title: result.operation.title, message: result.operation.message, data: result.operation.operationData, flags: result.operation.flagsText };
  }

  /**
   * Registers the phone's push token (`POST /api/push/device/register/token`, protocol §14) with
   * the stored PowerAuth token (made with `createToken` first), as the mobile SDK does.
   */
  async registerPushToken({ platform, token, environment, tokenName = DEFAULT_TOKEN_NAME }: { platform: string; token: string; environment?: string; tokenName?: string }): Promise<{ status: string }> {
    const body = JSON.stringify({ requestObject: { platform, token, ...(environment ? { environment } : {}) } });
    return (await this.post("/api/push/device/register/token", body, this.tokenHeader({ name: tokenName }))) as { status: string };
  }
}
