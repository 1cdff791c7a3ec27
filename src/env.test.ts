import crypto from "node:crypto";

import { describe, expect, it } from "vitest";

import { EnvError, parseEnv } from "./env";

const secrets = {
  NEXTAUTH_SECRET: "x".repeat(40),
  SECRETS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  API_SECRET_PEPPER: crypto.randomBytes(32).toString("base64"),
  AUDIT_CHAIN_KEY: crypto.randomBytes(32).toString("base64"),
};

describe("environment", () => {
  it("has safe defaults for a one-machine start", () => {
    const env = parseEnv(secrets);
    expect(env).toMatchObject({
      PORT: 3000,
      publicUrl: "http://localhost:3000",
      serviceBaseUrl: "http://localhost:3000/",
      WORKER_ENABLED: true,
      MAX_BODY_BYTES: 1024 * 1024,
      LOGIN_LOCK_AFTER: 5,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("derives URLs from PORT and PUBLIC_URL, and treats empty values as unset", () => {
    expect(parseEnv({ ...secrets, PORT: "8080", DATABASE_URL: "" }).publicUrl).toBe("http://localhost:8080");
    expect(parseEnv({ ...secrets, PUBLIC_URL: "https://mtoken.bank.test/" }).serviceBaseUrl).toBe("https://mtoken.bank.test/");
  });

  it("finds its own address for calls to itself: loopback behind a wildcard HOST, else HOST", () => {
    expect(parseEnv({ ...secrets, PORT: "8080" }).selfUrl).toBe("http://127.0.0.1:8080");
    expect(parseEnv({ ...secrets, HOST: "::" }).selfUrl).toBe("http://127.0.0.1:3000");
    expect(parseEnv({ ...secrets, HOST: "10.1.2.3", PORT: "80" }).selfUrl).toBe("http://10.1.2.3:80");
    expect(parseEnv({ ...secrets, HOST: "::1" }).selfUrl).toBe("http://[::1]:3000");
    // The public URL (a proxy, TLS) is not where the process itself answers.
    expect(parseEnv({ ...secrets, PUBLIC_URL: "https://mtoken.bank.test" }).selfUrl).toBe("http://127.0.0.1:3000");
  });

  it("stops with a message naming each bad variable, without echoing secrets", () => {
    let message = "";
    try {
      parseEnv({ ...secrets, PORT: "abc", DATABASE_URL: "mysql://x", WORKER_ENABLED: "maybe", API_SECRET_PEPPER: "short" });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT: must be a whole number between 1 and 65535 \(got "abc"\)/);
    expect(message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    expect(message).toMatch(/WORKER_ENABLED: must be true or false/);
    expect(message).toMatch(/API_SECRET_PEPPER: must be Base64 of at least 32 random bytes$/m);
    expect(message).not.toContain("short");
  });

  it("reads TRUST_PROXY as a number of trusted proxy hops, off by default", () => {
    expect(parseEnv(secrets).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...secrets, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ ...secrets, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ ...secrets, TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(() => parseEnv({ ...secrets, TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY: must be false, true or a number of proxy hops/);
    expect(parseEnv(secrets)).toMatchObject({ LOGIN_ADDRESS_LIMIT: 10, LOGIN_ADDRESS_WINDOW_MINUTES: 15 });
  });

  it("requires the secrets", () => {
    expect(() => parseEnv({})).toThrow(/NEXTAUTH_SECRET/);
    const { AUDIT_CHAIN_KEY: _, ...withoutChainKey } = secrets;
    expect(() => parseEnv(withoutChainKey)).toThrow(/AUDIT_CHAIN_KEY: is required/);
    expect(() => parseEnv({ ...secrets, AUDIT_CHAIN_KEY: crypto.randomBytes(16).toString("base64") })).toThrow(/AUDIT_CHAIN_KEY: must be Base64 of at least 32/);
  });
});
