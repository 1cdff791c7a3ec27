/**
 * The one wrapper every REST route uses, in a fixed order: request id → authenticate → parse and
 * validate (path, query, body) → call one service → write the documented body. Errors become the
 * documented envelope; anything unexpected is ERROR_GENERIC 500 with details only in the log.
 *
 *   export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
 *     POST: restRoute({ auth: "admin", body: ZCreateApplicationRequest, handler: ({ actor, body }) => … }),
 *   });
 *
 * A route is transport-neutral (`RestRequest` in, `RestReply` out). The server wrapper calls it
 * straight from Node's HTTP server on the documented path (src/server/rest/rest-routes.ts lists
 * them); the functions `restMethods` exports are ordinary Next.js route handlers over the same
 * route, so every route file stays a valid file of the app router.
 */
import crypto from "node:crypto";

import { z } from "zod";

import { getEnv } from "@/env";
import { AppError, isAppError, unauthorized, forbidden } from "@/server/errors";
import { getRequestContext, logger, runWithRequestContext, setRequestPrincipal } from "@/server/logger";
import type { RegistrationStatus } from "@/generated/prisma/enums";
import { canonicalQueryString, PowerAuthError, SIGNED_ENDPOINTS, type SignatureType, type SignedEndpointName } from "@/powerauth/server";
import { anonymousActor, deviceActor, type Actor } from "@/server/services/access/actor";
import { authenticateCredential } from "@/server/services/credentials/authenticate-credential";
import { verifyOnlineSignature } from "@/server/services/registrations/verify-online-signature";
import { verifyTokenHeader } from "@/server/services/registrations/verify-token";

import { parseBasicAuth } from "./basic-auth";
import { errorReply, jsonReply, REQUEST_ID_HEADER } from "./envelope";
import { ERROR_FAMILIES, inFamily, type ErrorFamily } from "./error-families";
import { readJsonBody } from "./read-json-body";
import { checkDeclaredLength, fromWebRequest, toWebResponse, type RestReply, type RestRequest } from "./rest-request";
import { toViolations } from "./violations";
import { isWorkerToken } from "./worker-token";

/**
 * - `admin`: an admin-scope integration credential.
 * - `application`: an application-scope credential; its application is the call's application.
 * - `worker`: the scheduler's bearer WORKER_TOKEN (the worker route).
 * - `none`: public (service status); the handler gets the anonymous actor, which may do nothing.
 * - `{ signature }`: a device's PowerAuth signature (X-PowerAuth-Authorization) over the raw body
 *   bytes (or, without a body, the canonical query string), for the named signed endpoint (§10.7);
 *   counters and failures are updated as a side effect of the check (§10.5–§10.6).
 * - `{ token }`: a device's MAC token (X-PowerAuth-Token, §11.2); with `orSignature`, a request
 *   without a token may instead be signed for that endpoint (where the documents disagree on which
 *   one a route takes, e.g. the Mobile Token list, §14/§19.8).
 *
 * A signature route's `onFailure` runs when the signature does not authenticate, before the 401
 * (Mobile Token authorize counts the failed attempt against the operation the body names).
 */
export type AuthMode =
  | "admin"
  | "application"
  | "worker"
  | "none"
  | { signature: SignedEndpointName; allowedTypes?: readonly SignatureType[]; onFailure?: SignatureFailureHook }
  | { token: true; orSignature?: SignedEndpointName };

/** What a failed signature check knows: the header's registration (if it exists) and the raw body. */
export type SignatureFailureHook = (failure: { registration: { id: string; applicationId: string; userId: string } | null; rawBody: Buffer }) => Promise<void>;

/** What a device-authenticated route knows about its caller. */
export interface DeviceContext {
  registration: { id: string; applicationId: string; userId: string; status: RegistrationStatus; flags: string[] };
  signatureType: string;
  version: string;
  /** The device as an actor, for the services it calls. */
  actor: Actor;
  /**
   * Signature routes: the header's application key and activation ID exactly as sent, which name
   * the recipient of an encrypt-then-sign ECIES body (§5.5, §19.9). Null for token routes.
   */
  signedBy: { applicationKey: string; activationId: string } | null;
}

/** A route: the request and its decoded path parameters in, the reply out. */
export type RestHandler = (request: RestRequest, params: Record<string, string>) => Promise<RestReply>;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerContext<TBody, TQuery, TParams> {
  actor: Actor;
  /** Set for `signature` and `token` routes. */
  device: DeviceContext | null;
  /** The application of an `application`-mode call (from its credential), else null. */
  applicationId: string | null;
  body: TBody;
  query: TQuery;
  params: TParams;
  request: RestRequest;
}

export interface RouteSpec<TBody, TQuery, TParams> {
  auth: AuthMode;
  /** The error dialect of the route's API (default `cloud`). */
  family?: ErrorFamily;
  body?: TBody;
  /** A missing body is validated as `{}` instead of being an error. */
  bodyOptional?: boolean;
  query?: TQuery;
  params?: TParams;
  /** HTTP status of a success (200 unless the document says otherwise). */
  status?: number;
  handler: (context: HandlerContext<Infer<TBody>, Infer<TQuery>, Infer<TParams>>) => unknown;
}

const VALIDATION_MESSAGE = "Invalid method parameter value";
const ANONYMOUS: Actor = anonymousActor();
const WORKER: Actor = { type: "SYSTEM", id: null, label: "worker" };

export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** The caller's X-Request-Id when it is safe to echo and log, else a new one. */
export function requestIdFrom(header: string | undefined): string {
  return header && REQUEST_ID_PATTERN.test(header) ? header : crypto.randomUUID();
}

async function authenticate(mode: AuthMode, request: RestRequest, family: ErrorFamily): Promise<{ actor: Actor; device: DeviceContext | null }> {
  if (mode === "none") return { actor: ANONYMOUS, device: null };
  if (mode === "worker") {
    if (!isWorkerToken(request.header("authorization"))) throw unauthorized();
    return { actor: WORKER, device: null };
  }
  if (typeof mode === "object") return { actor: ANONYMOUS, device: await authenticateDevice(mode, request, family) };
  const credentials = parseBasicAuth(request.header("authorization"));
  if (!credentials) throw unauthorized();
  const actor = await authenticateCredential(credentials.username, credentials.password);
  setRequestPrincipal(actor.label);
  if (mode === "admin" && actor.scope !== "ADMIN") throw forbidden("This credential has no admin scope");
  if (mode === "application" && (actor.scope !== "APPLICATION" || !actor.applicationId)) {
    throw forbidden("This API needs a credential bound to an application");
  }
  return { actor, device: null };
}

/** A device's signature or token; anything that does not authenticate is the family's 401. */
async function authenticateDevice(mode: Exclude<AuthMode, string>, request: RestRequest, family: ErrorFamily): Promise<DeviceContext> {
  const failed = ERROR_FAMILIES[family].authenticationFailed;
  if ("token" in mode) {
    const header = request.header("x-powerauth-token");
    if (!header && mode.orSignature && request.header("x-powerauth-authorization")) return authenticateDevice({ signature: mode.orSignature }, request, family);
    if (!header) throw failed();
    const outcome = await verifyTokenHeader({ authHeader: header, applicationId: null }).catch(rethrowMalformed(failed));
    if (!outcome.valid || !outcome.registration) throw failed();
    setRequestPrincipal(`device:${outcome.registration.id}`);
    return {
      registration: outcome.registration,
      signatureType: outcome.signatureType ?? "possession",
      version: outcome.header.version,
      actor: deviceActor(outcome.registration),
      signedBy: null,
    };
  }
  const header = request.header("x-powerauth-authorization");
  if (!header) throw failed();
  const endpoint = SIGNED_ENDPOINTS[mode.signature];
  checkDeclaredLength(request, getEnv().MAX_BODY_BYTES);
  const raw = await request.body(getEnv().MAX_BODY_BYTES);
  // §10.1: a request without a body signs its canonical query string instead.
  const body = raw.length === 0 && request.method === "GET" ? canonicalQueryString(request.search) : raw;
  const outcome = await verifyOnlineSignature({
    authHeader: header,
    method: request.method,
    uriId: endpoint.uriId,
    body,
    applicationId: null,
    allowedTypes: mode.allowedTypes ?? endpoint.allowedTypes,
  }).catch(rethrowMalformed(failed));
  if (!outcome.valid || !outcome.registration) {
    // The hook's own trouble is logged; the caller still gets the family's 401.
    await mode.onFailure?.({ registration: outcome.registration, rawBody: raw }).catch((error: unknown) => logger.error("signature failure hook failed", { error }));
    if (outcome.note === "signature_type_not_allowed" && family === "standard") throw new AppError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_TYPE_INVALID");
    throw failed();
  }
  setRequestPrincipal(`device:${outcome.registration.id}`);
  return {
    registration: outcome.registration,
    signatureType: outcome.signatureType,
    version: outcome.authorization.version,
    actor: deviceActor(outcome.registration),
    signedBy: { applicationKey: outcome.authorization.applicationKey, activationId: outcome.authorization.activationId },
  };
}

/** A malformed PowerAuth header does not authenticate either (it never reaches the database). */
const rethrowMalformed = (failed: () => AppError) => (error: unknown): never => {
  if (error instanceof PowerAuthError) throw failed();
  throw error;
};

function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("ERROR_REQUEST", VALIDATION_MESSAGE, { violations: toViolations(result.error, input) });
  }
  return result.data;
}

function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.includes("\0") || value.includes("\0")) {
      throw new AppError("ERROR_REQUEST", VALIDATION_MESSAGE, {
        violations: [{ fieldName: key.replaceAll("\0", ""), hint: "must not contain the NUL character (\\u0000)" }],
      });
    }
    query[key] = value;
  }
  return query;
}

export function toErrorReply(error: unknown, headers: Record<string, string>, family: ErrorFamily = "cloud"): RestReply {
  if (error instanceof PowerAuthError) return errorReply(ERROR_FAMILIES[family].protocolError(error), headers);
  if (isAppError(error)) {
    if (error.status >= 500) logger.error("request failed", { code: error.code, error });
    return errorReply(inFamily(error, family), headers);
  }
  if (error instanceof z.ZodError) {
    return errorReply(inFamily(new AppError("ERROR_REQUEST", VALIDATION_MESSAGE, { violations: toViolations(error, undefined) }), family), headers);
  }
  logger.error("unexpected error", { error });
  return errorReply(new AppError("ERROR_GENERIC", "Unknown error occurred while processing request."), headers);
}

export function restRoute<
  TBody extends z.ZodType | undefined = undefined,
  TQuery extends z.ZodType | undefined = undefined,
  TParams extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<TBody, TQuery, TParams>): RestHandler {
  return async (request, rawParams) => {
    const requestId = getRequestContext()?.requestId ?? requestIdFrom(request.header("x-request-id"));
    const headers = { [REQUEST_ID_HEADER]: requestId };
    const family = spec.family ?? "cloud";

    const run = async (): Promise<RestReply> => {
      try {
        const { actor, device } = await authenticate(spec.auth, request, family);
        const params = spec.params ? validate(spec.params, rawParams) : undefined;
        const query = spec.query ? validate(spec.query, parseQuery(request.search)) : undefined;
        let body: unknown;
        if (spec.body) {
          const read = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
          if (!read.present && !spec.bodyOptional) throw new AppError("ERROR_REQUEST", "Required request body is missing");
          const value = read.present ? read.value : {};
          if (spec.body instanceof z.ZodObject && (typeof value !== "object" || value === null || Array.isArray(value))) {
            throw new AppError("ERROR_REQUEST", "Request body must be a JSON object");
          }
          body = validate(spec.body, value);
        }
        const result = await spec.handler({
          actor,
          device,
          applicationId: actor.type === "CREDENTIAL" ? actor.applicationId : null,
          body: body as Infer<TBody>,
          query: query as Infer<TQuery>,
          params: params as Infer<TParams>,
          request,
        });
        return jsonReply(result ?? null, spec.status, headers);
      } catch (error) {
        return toErrorReply(error, headers, family);
      }
    };
    return getRequestContext() ? run() : runWithRequestContext({ requestId }, run);
  };
}

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

/** The methods of one path, as the server wrapper dispatches them. */
export interface RestMethodTable {
  handlers: Partial<Record<Method, RestHandler>>;
  /** For the Allow header of a 405. */
  allow: string;
}

export const REST_TABLE = Symbol.for("guardline.restMethods");

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type NextRouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & { [REST_TABLE]: RestMethodTable };

/** The 405 envelope for a method a path does not serve, naming the ones it does. */
export function methodNotAllowed(method: string, allow: string, requestId: string): RestReply {
  return errorReply(new AppError("ERROR_REQUEST", `Method ${method} is not supported here; use ${allow}`, { status: 405 }), {
    Allow: allow,
    [REQUEST_ID_HEADER]: requestId,
  });
}

/**
 * The route file's exports: one Next.js route handler per method (unserved methods answer with a
 * 405 envelope and an Allow header), each carrying the method table the server wrapper uses.
 */
export function restMethods(handlers: Partial<Record<Method, RestHandler>>): Record<Method, NextRouteHandler> {
  const table: RestMethodTable = { handlers, allow: METHODS.filter((method) => handlers[method]).join(", ") };
  const forNext = (method: Method): NextRouteHandler =>
    Object.assign(
      async (request: Request, context: RouteContext) => {
        const rest = fromWebRequest(request);
        const handler = handlers[method];
        if (!handler) return toWebResponse(methodNotAllowed(method, table.allow, requestIdFrom(rest.header("x-request-id"))));
        const params = Object.fromEntries(Object.entries(await context.params).map(([key, value]) => [key, String(value ?? "")]));
        return toWebResponse(await handler(rest, params));
      },
      { [REST_TABLE]: table },
    );
  return Object.fromEntries(METHODS.map((method) => [method, forNext(method)])) as Record<Method, NextRouteHandler>;
}
