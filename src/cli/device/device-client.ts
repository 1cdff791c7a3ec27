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
  computeOfflineOtpFromQr,
  createActivationRequest,
  createStatusRequest,
  createTemporaryKeyRequest,
  decodeMobileSdkConfig,
  ENCRYPTION_HEADER_NAME,
  finishActivation,
  isTemporaryKeyUsable,
  processStatusResponse,
  SIGNATURE_TYPES,
  SIGNED_ENDPOINTS,
  signRequest,
  type DeviceActivation,
  type DeviceActivationStatus,
  type DeviceAppConfig,
  type DeviceTemporaryKey,
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
}

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
}
