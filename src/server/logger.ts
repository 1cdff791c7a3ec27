/**
 * Structured JSON logs, one object per line, with the request id of the current request on every
 * line written while handling it. The request context lives in an AsyncLocalStorage kept on
 * globalThis, because the custom server and the code Next.js bundles load separate copies of
 * this module and both must see the same context.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";

export interface RequestContext {
  requestId: string;
  /** The socket's (or, behind a trusted proxy, the forwarded) client address. */
  clientAddress?: string;
  /** Who the request authenticated as (credential user name, staff e-mail): for the access log. */
  principal?: string;
}

export type Level = "debug" | "info" | "warn" | "error";
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

// Read directly, not through getEnv(): logging must work before and while the environment is
// validated. Read once: the level does not change while the process runs.
let cachedThreshold: number | undefined;
function threshold(): number {
  cachedThreshold ??= LEVELS[(process.env.LOG_LEVEL ?? "info") as Level] ?? LEVELS.info;
  return cachedThreshold;
}

export function isLogged(level: Level): boolean {
  return LEVELS[level] >= threshold();
}

function serializeError(error: unknown): unknown {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, cause: error.cause ? serializeError(error.cause) : undefined };
  }
  return error;
}

function stringify(entry: Record<string, unknown>): string {
  try {
    return JSON.stringify(entry);
  } catch {
    // Only a BigInt (or a cycle) gets here; the replacer is too slow to run on every line.
    return JSON.stringify(entry, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  }
}

/**
 * Info and debug lines (the access log among them) are written in batches once per turn of the
 * event loop, not one write(2) per line; warnings and errors go out at once. Whatever is still
 * buffered is written synchronously when the process exits.
 */
let buffered: string[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  if (buffered.length === 0) return;
  const text = buffered.join("");
  buffered = [];
  process.stdout.write(text);
}

process.once("exit", () => {
  if (buffered.length > 0) {
    try {
      fs.writeSync(1, buffered.join(""));
    } catch {
      // stdout is gone; nothing left to tell.
    }
    buffered = [];
  }
});

export function writeLogLine(level: Level, line: string): void {
  if (level === "error" || level === "warn") {
    process.stderr.write(line);
    return;
  }
  buffered.push(line);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (!isLogged(level)) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message };
  const requestId = getRequestContext()?.requestId;
  if (requestId) entry.requestId = requestId;
  if (fields) {
    for (const key in fields) entry[key] = key === "error" || key === "err" ? serializeError(fields[key]) : fields[key];
  }
  writeLogLine(level, `${stringify(entry)}\n`);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
