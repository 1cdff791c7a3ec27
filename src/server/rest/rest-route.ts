/**
 * The one wrapper every REST route uses, in a fixed order: request id → authenticate → parse and
 * validate (path, query, body) → call one service → write the documented body. Errors become the
 * documented envelope; anything unexpected is ERROR_GENERIC 500 with details only in the log.
 *
 *   export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
 *     POST: restRoute({ auth: "admin", body: ZCreateApplicationRequest, handler: ({ actor, body }) => … }),
 *   });
 */
import crypto from "node:crypto";

import { z } from "zod";

import { isWorkerToken } from "./worker-token";

import { getEnv } from "@/env";
import { AppError, isAppError, unauthorized, forbidden } from "@/server/errors";
import { getRequestContext, logger, runWithRequestContext } from "@/server/logger";
import { anonymousActor, type Actor } from "@/server/services/access/actor";
import { authenticateCredential } from "@/server/services/credentials/authenticate-credential";

import { parseBasicAuth } from "./basic-auth";
import { errorResponse, jsonResponse, REQUEST_ID_HEADER } from "./envelope";
import { readJsonBody } from "./read-json-body";
import { toViolations } from "./violations";

/**
 * - `admin`: an admin-scope integration credential.
 * - `application`: an application-scope credential; its application is the call's application.
 * - `worker`: the scheduler's bearer WORKER_TOKEN (the worker route).
 * - `none`: public (service status).
 */
export type AuthMode = "admin" | "application" | "worker" | "none";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerContext<TBody, TQuery, TParams> {
  actor: Actor;
  /** The application of an `application`-mode call (from its credential), else null. */
  applicationId: string | null;
  body: TBody;
  query: TQuery;
  params: TParams;
  request: Request;
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

function requestIdFor(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming && /^[A-Za-z0-9._-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
}

async function authenticate(mode: AuthMode, request: Request): Promise<Actor & { applicationId?: string | null }> {
  if (mode === "none") return ANONYMOUS;
  if (mode === "worker") {
    if (!isWorkerToken(request.headers.get("authorization"))) throw unauthorized();
    return WORKER;
  }
  const credentials = parseBasicAuth(request.headers.get("authorization"));
  if (!credentials) throw unauthorized();
  const actor = await authenticateCredential(credentials.username, credentials.password);
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

export function toErrorResponse(error: unknown, headers: Record<string, string>): Response {
  if (isAppError(error)) {
    if (error.status >= 500) logger.error("request failed", { code: error.code, error });
    return errorResponse(error, headers);
  }
  if (error instanceof z.ZodError) {
    return errorResponse(new AppError("ERROR_REQUEST", VALIDATION_MESSAGE, { violations: toViolations(error, undefined) }), headers);
  }
  logger.error("unexpected error", { error });
  return errorResponse(new AppError("ERROR_GENERIC", "Unknown error occurred while processing request."), headers);
}

export function restRoute<
  TBody extends z.ZodType | undefined = undefined,
  TQuery extends z.ZodType | undefined = undefined,
  TParams extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<TBody, TQuery, TParams>): RouteHandler {
  return async (request, context) => {
    const requestId = getRequestContext()?.requestId ?? requestIdFor(request);
    const headers = { [REQUEST_ID_HEADER]: requestId };

    const run = async (): Promise<Response> => {
      try {
        const actor = await authenticate(spec.auth, request);
        const params = spec.params ? validate(spec.params, await context.params) : undefined;
        const query = spec.query
          ? validate(spec.query, Object.fromEntries(new URL(request.url).searchParams))
          : undefined;
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
        if (result instanceof Response) {
          result.headers.set(REQUEST_ID_HEADER, requestId);
          return result;
        }
        return jsonResponse(result ?? null, { status: spec.status, headers });
      } catch (error) {
        return toErrorResponse(error, headers);
      }
    };
    return getRequestContext() ? run() : runWithRequestContext({ requestId }, run);
  };
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Fills the methods a route does not serve with a 405 envelope (and an Allow header), so a wrong
 * method gets a JSON error like every other bad request instead of an empty 405.
 */
export function restMethods(handlers: Partial<Record<Method, RouteHandler>>): Record<Method, RouteHandler> {
  const allow = METHODS.filter((method) => handlers[method]).join(", ");
  const notAllowed: RouteHandler = async (request) =>
    errorResponse(new AppError("ERROR_REQUEST", `Method ${request.method} is not supported here; use ${allow}`, { status: 405 }), {
      Allow: allow,
      [REQUEST_ID_HEADER]: getRequestContext()?.requestId ?? requestIdFor(request),
    });
  return Object.fromEntries(METHODS.map((method) => [method, handlers[method] ?? notAllowed])) as Record<Method, RouteHandler>;
}

/** For the catch-all under each documented prefix: an unknown path is a JSON 404. */
export const notFoundRoute: RouteHandler = async (request) =>
  errorResponse(new AppError("ERROR_NOT_FOUND", `No API at ${new URL(request.url).pathname}`), {
    [REQUEST_ID_HEADER]: getRequestContext()?.requestId ?? requestIdFor(request),
  });
