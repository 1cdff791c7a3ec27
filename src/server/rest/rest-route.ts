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
import { anonymousActor, type Actor } from "@/server/services/access/actor";
import { authenticateCredential } from "@/server/services/credentials/authenticate-credential";

import { parseBasicAuth } from "./basic-auth";
import { errorReply, jsonReply, REQUEST_ID_HEADER } from "./envelope";
import { readJsonBody } from "./read-json-body";
import { fromWebRequest, toWebResponse, type RestReply, type RestRequest } from "./rest-request";
import { toViolations } from "./violations";
import { isWorkerToken } from "./worker-token";

/**
 * - `admin`: an admin-scope integration credential.
 * - `application`: an application-scope credential; its application is the call's application.
 * - `worker`: the scheduler's bearer WORKER_TOKEN (the worker route).
 * - `none`: public (service status); the handler gets the anonymous actor, which may do nothing.
 */
export type AuthMode = "admin" | "application" | "worker" | "none";

/** A route: the request and its decoded path parameters in, the reply out. */
export type RestHandler = (request: RestRequest, params: Record<string, string>) => Promise<RestReply>;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerContext<TBody, TQuery, TParams> {
  actor: Actor;
  /** The application of an `application`-mode call (from its credential), else null. */
  applicationId: string | null;
  body: TBody;
  query: TQuery;
  params: TParams;
  request: RestRequest;
}

export interface RouteSpec<TBody, TQuery, TParams> {
  auth: AuthMode;
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

async function authenticate(mode: AuthMode, request: RestRequest): Promise<Actor> {
  if (mode === "none") return ANONYMOUS;
  if (mode === "worker") {
    if (!isWorkerToken(request.header("authorization"))) throw unauthorized();
    return WORKER;
  }
  const credentials = parseBasicAuth(request.header("authorization"));
  if (!credentials) throw unauthorized();
  const actor = await authenticateCredential(credentials.username, credentials.password);
  setRequestPrincipal(actor.label);
  if (mode === "admin" && actor.scope !== "ADMIN") throw forbidden("This credential has no admin scope");
  if (mode === "application" && (actor.scope !== "APPLICATION" || !actor.applicationId)) {
    throw forbidden("This API needs a credential bound to an application");
  }
  return actor;
}

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

export function toErrorReply(error: unknown, headers: Record<string, string>): RestReply {
  if (isAppError(error)) {
    if (error.status >= 500) logger.error("request failed", { code: error.code, error });
    return errorReply(error, headers);
  }
  if (error instanceof z.ZodError) {
    return errorReply(new AppError("ERROR_REQUEST", VALIDATION_MESSAGE, { violations: toViolations(error, undefined) }), headers);
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

    const run = async (): Promise<RestReply> => {
      try {
        const actor = await authenticate(spec.auth, request);
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
          applicationId: actor.type === "CREDENTIAL" ? actor.applicationId : null,
          body: body as Infer<TBody>,
          query: query as Infer<TQuery>,
          params: params as Infer<TParams>,
          request,
        });
        return jsonReply(result ?? null, spec.status, headers);
      } catch (error) {
        return toErrorReply(error, headers);
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
