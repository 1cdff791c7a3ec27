/**
 * Structured JSON logs, one object per line, with the request id of the current request on every
 * line written while handling it. The request context lives in an AsyncLocalStorage kept on
 * globalThis, because the custom server and the code Next.js bundles load separate copies of
 * this module and both must see the same context.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  /** The socket's (or, behind a trusted proxy, the forwarded) client address. */
  clientAddress?: string;
  /** Who the request authenticated as (credential user name, staff e-mail): for the access log. */
  principal?: string;
}

type Level = "debug" | "info" | "warn" | "error";
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const store = globalThis as { __guardlineRequestContext?: AsyncLocalStorage<RequestContext> };
const requestContext = (store.__guardlineRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return requestContext.run(context, fn);
}

export function getRequestContext(): RequestContext | undefined {
  return requestContext.getStore();
}

/** Records who the current request authenticated as; the access log line names them. */
export function setRequestPrincipal(principal: string): void {
  const context = requestContext.getStore();
  if (context) context.principal = principal;
}

// Read directly, not through getEnv(): logging must work before and while the environment is validated.
function threshold(): number {
  const level = (process.env.LOG_LEVEL ?? "info") as Level;
  return LEVELS[level] ?? LEVELS.info;
}

function serializeError(error: unknown): unknown {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, cause: error.cause ? serializeError(error.cause) : undefined };
  }
  return error;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (LEVELS[level] < threshold()) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message };
  const requestId = getRequestContext()?.requestId;
  if (requestId) entry.requestId = requestId;
  if (fields) {
    for (const [key, value] of Object.entries(fields)) entry[key] = key === "error" || key === "err" ? serializeError(value) : value;
  }
  const line = `${JSON.stringify(entry, (_key, value) => (typeof value === "bigint" ? value.toString() : value))}\n`;
  if (level === "error" || level === "warn") process.stderr.write(line);
  else process.stdout.write(line);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
