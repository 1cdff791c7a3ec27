import crypto from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { resetEnvCache } from "@/env";

import { generateApiSecret, hashApiSecret, verifyApiSecret } from "./api-secret";
import { passwordProblem } from "@/schemas/password-policy";

import { generatePassword, hashPassword, verifyPassword } from "./password";
import { openSecret, openSecretText, sealSecret } from "./secret-box";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "n".repeat(40);
  process.env.SECRETS_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  process.env.API_SECRET_PEPPER = crypto.randomBytes(32).toString("base64");
  process.env.AUDIT_CHAIN_KEY = crypto.randomBytes(32).toString("base64");
  resetEnvCache();
});

describe("secret box", () => {
  it("opens only with the same context, and detects tampering", () => {
    const sealed = sealSecret("private key", "master-key:A");
    expect(sealed).toMatch(/^v1\./);
    expect(openSecretText(sealed, "master-key:A")).toBe("private key");
    expect(sealSecret("private key", "master-key:A")).not.toBe(sealed);
    expect(() => openSecret(sealed, "master-key:B")).toThrow(/does not open/);
    const parts = sealed.split(".");
    const data = Buffer.from(parts[2]!, "base64url");
    data[0] = data[0]! ^ 1;
    expect(() => openSecret(`${parts[0]}.${parts[1]}.${data.toString("base64url")}`, "master-key:A")).toThrow(/does not open/);
    expect(() => openSecret("garbage", "x")).toThrow(/format/);
  });
});

describe("API secrets", () => {
  it("are long random values checked against a keyed hash", () => {
    const secret = generateApiSecret();
    expect(secret).toHaveLength(43);
    const stored = hashApiSecret(secret);
    expect(verifyApiSecret(secret, stored)).toBe(true);
    expect(verifyApiSecret(`${secret}x`, stored)).toBe(false);
    expect(verifyApiSecret(secret, "00")).toBe(false);
  });
});

describe("staff passwords", () => {
  it("hash with argon2id and verify", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "wrong")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("generate readable one-time passwords and enforce rules for chosen ones", () => {
    expect(generatePassword()).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(passwordProblem("short")).toMatch(/12/);
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toMatch(/different/);
    expect(passwordProblem("a-fine-passphrase")).toBeNull();
  });
});
