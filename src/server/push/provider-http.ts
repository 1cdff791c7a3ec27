/**
 * Bounded outbound HTTP for the FCM and HMS clients (CONVENTIONS.md rule 11): global fetch with a
 * timeout, no redirects (a provider never redirects an API call; following one could carry our
 * bearer token elsewhere), and OAuth access tokens cached until shortly before they expire with one
 * request in flight however many sends wait for it.
 */
import { describeNetworkFailure, parseRetryAfter } from "./provider-timing";
import type { DeliveryOutcome } from "./provider";

export type HttpAnswer = { ok: true; status: number; headers: Headers; json: unknown } | { ok: false; outcome: DeliveryOutcome };

export async function postProvider(url: string, init: { headers: Record<string, string>; body: string }, timeoutMs: number): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, { method: "POST", headers: init.headers, body: init.body, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { ok: true, status: response.status, headers: response.headers, json };
  } catch (error) {
    return { ok: false, outcome: describeNetworkFailure(error) };
  }
}

export type AccessToken = { ok: true; accessToken: string } | { ok: false; outcome: DeliveryOutcome };
type FetchedToken = { ok: true; accessToken: string; expiresInSeconds: number } | { ok: false; outcome: DeliveryOutcome };

/**
 * An OAuth 2.0 token endpoint answer (RFC 6749 §5): 200 with access_token and expires_in, or an
 * error. A refusal of our client or assertion is CREDENTIAL; a busy or failing endpoint TRANSIENT.
 */
export async function requestAccessToken(url: string, form: Record<string, string>, timeoutMs: number): Promise<FetchedToken> {
  const answer = await postProvider(url, { headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: new URLSearchParams(form).toString() }, timeoutMs);
  if (!answer.ok) return answer;
  const body = (typeof answer.json === "object" && answer.json !== null ? answer.json : {}) as Record<string, unknown>;
  if (answer.status === 200 && typeof body.access_token === "string" && body.access_token !== "") {
    const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600;
    return { ok: true, accessToken: body.access_token, expiresInSeconds: expiresIn };
  }
  const said = [body.error, body.error_description].filter((part): part is string | number => typeof part === "string" || typeof part === "number");
  const reason = `OAuth token endpoint: ${said.length > 0 ? said.join(" ") : `HTTP ${answer.status}`}`;
  if (answer.status === 429 || answer.status >= 500) return { ok: false, outcome: { kind: "TRANSIENT", providerStatus: answer.status, reason, retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")) } };
  if (answer.status === 200) return { ok: false, outcome: { kind: "TRANSIENT", providerStatus: 200, reason: "OAuth token endpoint: answer without access_token" } };
  return { ok: false, outcome: { kind: "CREDENTIAL", providerStatus: answer.status, reason } };
}

/** Re-fetch this long before the provider's expiry, so no send goes out with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

export class AccessTokenCache {
  private current: { accessToken: string; validUntil: number } | null = null;
  private inFlight: Promise<AccessToken> | null = null;
  /** Token requests made so far (tests, diagnostics). */
  requests = 0;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<AccessToken> {
    if (this.current !== null && this.now() < this.current.validUntil) return Promise.resolve({ ok: true, accessToken: this.current.accessToken });
    this.inFlight ??= this.refresh();
    return this.inFlight;
  }

  /** The provider refused `accessToken` (401): forget it unless a newer one already replaced it. */
  invalidate(accessToken: string): void {
    if (this.current?.accessToken === accessToken) this.current = null;
  }

  private async refresh(): Promise<AccessToken> {
    this.requests++;
    try {
      const fetched = await this.fetchToken();
      if (!fetched.ok) return fetched;
      // A very short-lived token (under two margins) is kept for half its life instead.
      const lifeMs = fetched.expiresInSeconds * 1000;
      this.current = { accessToken: fetched.accessToken, validUntil: this.now() + Math.max(lifeMs - EXPIRY_MARGIN_MS, lifeMs / 2) };
      return { ok: true, accessToken: fetched.accessToken };
    } finally {
      this.inFlight = null;
    }
  }
}
