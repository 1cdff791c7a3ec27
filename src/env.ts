/**
 * The environment, read and validated in one place. Every variable is listed in README.md with its
 * default. A bad value stops the start with a message that names the variable.
 *
 * Parsing is lazy (`getEnv()`), because `next build` imports server modules without the runtime
 * environment; the launcher and the server call `getEnv()` first thing, so a bad value fails fast.
 */
import os from "node:os";

import { z } from "zod";

import { ZChosenPassword } from "@/schemas/password-policy";
import { parseTrustProxy } from "@/server/http/forwarded";
import { DEFAULT_PUSH_ENDPOINTS } from "@/server/push/provider";

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int({ error: `must be a whole number between ${min} and ${max}` })
    .min(min, { error: `must be a whole number between ${min} and ${max}` })
    .max(max, { error: `must be a whole number between ${min} and ${max}` });

const boolean = z.stringbool({ error: "must be true or false" });

const base64Key = (minBytes: number) =>
  z.string({ error: "is required (generated into the data folder on a one-machine start)" }).refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, "base64").length >= minBytes, {
    error: `must be Base64 of at least ${minBytes} random bytes`,
  });

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
  error: "must be a postgresql:// connection URL",
});

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  },
  { error: "must be an http:// or https:// URL" },
);

// Number of trusted proxy hops; parsed by the function the request code uses, so both agree.
const trustProxy = z.preprocess(
  (value) => (typeof value === "string" || value === undefined ? parseTrustProxy(value) : value),
  z.number({ error: "must be false, true or a number of proxy hops (1-99)" }).int().min(0).max(99),
);

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(["development", "production", "test"]).default("production")),
  PORT: z.preprocess(emptyToUndefined, integer(1, 65535).default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
  PUBLIC_URL: optional(httpUrl),
  SERVICE_BASE_URL: optional(httpUrl),
  DATABASE_URL: optional(postgresUrl),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, integer(1, 200).default(5)),
  DATABASE_POOL_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, integer(1, 300).default(10)),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, integer(1, 3600).default(30)),
  NEXTAUTH_SECRET: z.string({ error: "is required (generated into the data folder on a one-machine start)" }).min(32, {
    error: "must be at least 32 characters",
  }),
  SECRETS_ENCRYPTION_KEY: base64Key(32),
  API_SECRET_PEPPER: base64Key(32),
  AUDIT_CHAIN_KEY: base64Key(32),
  ADMIN_EMAIL: optional(z.email({ error: "must be an e-mail address" })),
  ADMIN_PASSWORD: optional(ZChosenPassword),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
  MAX_BODY_BYTES: z.preprocess(emptyToUndefined, integer(1024, 64 * 1024 * 1024).default(1024 * 1024)),
  SESSION_IDLE_MINUTES: z.preprocess(emptyToUndefined, integer(1, 24 * 60).default(30)),
  SESSION_MAX_HOURS: z.preprocess(emptyToUndefined, integer(1, 24 * 7).default(12)),
  LOGIN_SLOWDOWN_AFTER: z.preprocess(emptyToUndefined, integer(1, 100).default(3)),
  LOGIN_LOCK_AFTER: z.preprocess(emptyToUndefined, integer(1, 100).default(5)),
  LOGIN_LOCK_MINUTES: z.preprocess(emptyToUndefined, integer(1, 24 * 60).default(15)),
  LOGIN_ADDRESS_LIMIT: z.preprocess(emptyToUndefined, integer(1, 100_000).default(10)),
  LOGIN_ADDRESS_WINDOW_MINUTES: z.preprocess(emptyToUndefined, integer(1, 24 * 60).default(15)),
  TRUST_PROXY: trustProxy,
  WORKER_ENABLED: z.preprocess(emptyToUndefined, boolean.default(true)),
  WORKER_TOKEN: optional(z.string().min(32, { error: "must be at least 32 characters" })),
  APP_ENVIRONMENT: z.preprocess(emptyToUndefined, z.string().default("")),
  SHUTDOWN_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, integer(1, 600).default(25)),
  PUSH_MESSAGE_RETENTION_DAYS: z.preprocess(emptyToUndefined, integer(1, 3650).default(90)),
  WEB_CONCURRENCY: optional(integer(1, 256)),
  KEEP_ALIVE_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, integer(1, 3600).default(65)),
  HTTP_COMPRESSION: z.preprocess(emptyToUndefined, boolean.default(false)),
  // Push providers' hosts (issue 10 §3): the real ones by default; tests, demos and benchmarks
  // point them at the local simulators (`npm run simulators`). http:// URLs are spoken without TLS.
  PUSH_APNS_PRODUCTION_URL: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_PUSH_ENDPOINTS.apnsProductionUrl)),
  PUSH_APNS_DEVELOPMENT_URL: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_PUSH_ENDPOINTS.apnsDevelopmentUrl)),
  PUSH_FCM_URL: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_PUSH_ENDPOINTS.fcmUrl)),
  PUSH_FCM_TOKEN_URL: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_PUSH_ENDPOINTS.fcmTokenUrl)),
  PUSH_HMS_URL: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_PUSH_ENDPOINTS.hmsUrl)),
  PUSH_HMS_TOKEN_URL: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_PUSH_ENDPOINTS.hmsTokenUrl)),
});

export type Env = z.infer<typeof envSchema> & {
  /** PUBLIC_URL, defaulting to http://localhost:PORT. */
  publicUrl: string;
  /** SERVICE_BASE_URL, defaulting to PUBLIC_URL with a trailing slash. */
  serviceBaseUrl: string;
  /** WEB_CONCURRENCY, defaulting to the number of cores. */
  webConcurrency: number;
  /**
   * Where this process answers itself, for the console's virtual device (it calls the mobile API
   * over HTTP as a phone would): loopback on PORT when HOST is a wildcard, else HOST itself.
   */
  selfUrl: string;
};

/** Wildcard addresses: the server listens on every interface, loopback included. */
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::"]);

export class EnvError extends Error {
  override readonly name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const raw = source[name];
      const shown = raw === undefined || /SECRET|KEY|PEPPER|PASSWORD|TOKEN/.test(name) ? "" : ` (got "${raw}")`;
      return `  ${name}: ${issue.message}${shown}`;
    });
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const parsed = result.data;
  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, "");
  const serviceBaseUrl = parsed.SERVICE_BASE_URL ?? `${publicUrl}/`;
  const webConcurrency = parsed.WEB_CONCURRENCY ?? os.availableParallelism();
  const host = WILDCARD_HOSTS.has(parsed.HOST) ? "127.0.0.1" : parsed.HOST.includes(":") ? `[${parsed.HOST}]` : parsed.HOST;
  const selfUrl = `http://${host}:${parsed.PORT}`;
  return { ...parsed, publicUrl, serviceBaseUrl, webConcurrency, selfUrl };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and the launcher, after they changed process.env. */
export function resetEnvCache(): void {
  cached = undefined;
}
