import crypto from "node:crypto";

import { describe, expect, it } from "vitest";

import { sampleApnsRequest, sampleFcmRequest, sampleHmsRequest, sampleServiceAccountJson } from "@/server/testing/push-credential-samples";

import { CredentialValidationError, validateApnsCredential, validateFcmCredential, validateHmsCredential } from "./credential-validation";

const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CredentialValidationError) return error.field;
    throw error;
  }
  return null;
};

describe("APNs credential", () => {
  it("accepts a P-256 .p8 key (PEM or DER) and keeps the settings without the key", () => {
    const request = sampleApnsRequest({ environment: "PRODUCTION" });
    const result = validateApnsCredential(request);
    expect(result.settings).toEqual({ topic: "com.example.bank", keyId: "ABC123DEFG", teamId: "DEF123GHIJ", environment: "production" });
    expect(result.secret).toContain("BEGIN PRIVATE KEY");
    const der = crypto.createPrivateKey(result.secret).export({ format: "der", type: "pkcs8" });
    expect(validateApnsCredential({ ...request, privateKeyBase64: der.toString("base64") }).secret).toBe(result.secret);
  });

  it("signs a verifiable ES256 JWT with the key", async () => {
    const { signJwt } = await import("./credential-validation");
    const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const jwt = signJwt(privateKey, "ES256", { kid: "ABC123DEFG" }, { iss: "DEF123GHIJ", iat: 1 });
    const [header, claims, signature] = jwt.split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "ES256", typ: "JWT", kid: "ABC123DEFG" });
    expect(crypto.verify("sha256", Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature!, "base64url"))).toBe(true);
  });

  it("null environment is development", () => {
    expect(validateApnsCredential(sampleApnsRequest({ environment: null })).settings.environment).toBe("development");
  });

  it("refuses other curves, RSA keys, garbage, bad IDs, bundle and environment", () => {
    const p384 = crypto.generateKeyPairSync("ec", { namedCurve: "secp384r1" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const publicOnly = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(field(() => validateApnsCredential(sampleApnsRequest({ privateKeyBase64: b64(p384) })))).toBe("privateKeyBase64");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ privateKeyBase64: b64(rsa) })))).toBe("privateKeyBase64");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ privateKeyBase64: b64(publicOnly) })))).toBe("privateKeyBase64");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ privateKeyBase64: b64("not a key") })))).toBe("privateKeyBase64");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ privateKeyBase64: "%%%" })))).toBe("privateKeyBase64");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ keyId: "abc123defg" })))).toBe("keyId");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ teamId: "TEAMID123456" })))).toBe("teamId");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ topic: "nodots" })))).toBe("topic");
    expect(field(() => validateApnsCredential(sampleApnsRequest({ environment: "staging" })))).toBe("environment");
  });
});

describe("FCM credential", () => {
  it("accepts a service-account JSON, takes the project from it unless given", () => {
    const result = validateFcmCredential(sampleFcmRequest());
    expect(result.settings).toEqual({ projectId: "guardline-test", clientEmail: "push@guardline-test.iam.gserviceaccount.com" });
    expect(JSON.parse(result.secret)).toHaveProperty("private_key");
    expect(validateFcmCredential(sampleFcmRequest({ projectId: "other-project" })).settings.projectId).toBe("other-project");
  });

  it("refuses JSON without the fields, a non-RSA key, and non-JSON", () => {
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    for (const bad of [sampleServiceAccountJson({ project_id: undefined }), sampleServiceAccountJson({ client_email: "" }), sampleServiceAccountJson({ private_key: "junk" }), sampleServiceAccountJson({ private_key: ec }), "[]", "{"]) {
      expect(field(() => validateFcmCredential({ privateKeyBase64: b64(bad) }))).toBe("privateKeyBase64");
    }
    expect(field(() => validateFcmCredential(sampleFcmRequest({ projectId: "bad project" })))).toBe("projectId");
  });
});

describe("HMS credential", () => {
  it("accepts project, client ID and secret; the secret is what is sealed", () => {
    const request = sampleHmsRequest();
    const result = validateHmsCredential(request);
    expect(result.settings).toEqual({ projectId: request.projectId, appId: request.appId, clientId: request.clientId });
    expect(result.secret).toBe(request.clientSecret);
  });

  it("refuses malformed values", () => {
    expect(field(() => validateHmsCredential(sampleHmsRequest({ projectId: "has space" })))).toBe("projectId");
    expect(field(() => validateHmsCredential(sampleHmsRequest({ clientId: "" })))).toBe("clientId");
    expect(field(() => validateHmsCredential(sampleHmsRequest({ clientSecret: "with space" })))).toBe("clientSecret");
    expect(field(() => validateHmsCredential(sampleHmsRequest({ appId: "a b" })))).toBe("appId");
  });
});
