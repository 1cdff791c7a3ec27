import { describe, expect, it } from "vitest";

import {
  decodeMobileSdkConfig,
  ecdsaSignDer,
  ecdsaVerifyDer,
  fromBase64,
  publicKeyFromPrivate,
  utf8,
} from "@/powerauth/server";
import { db } from "@/server/db";
import { openSecret } from "@/server/security/secret-box";
import { ZProtocolSettings } from "@/schemas/applications";
import { makeApplication, makeStaff, testActor, uniqueId } from "@/server/testing/factories";

import { getApplicationConfig } from "./get-application-config";
import { removeApplicationConfig } from "./remove-application-config";
import { setApplicationConfig } from "./set-application-config";
import { addApplicationRoles } from "./add-application-roles";
import { removeApplicationRoles } from "./remove-application-roles";
import { masterKeyContext } from "./application-keys";
import { createApplication } from "./create-application";
import { createApplicationVersion } from "./create-application-version";
import { getApplicationDetail } from "./get-application-detail";
import { getApplicationOverview } from "./get-application-overview";
import { listApplicationIds } from "./list-applications";
import { searchApplications } from "./search-applications";
import { setApplicationProtocolSettings } from "./set-application-protocol-settings";
import { setApplicationVersionSupport } from "./set-application-version-support";

const PEM = `-----BEGIN CERTIFICATE-----
MIIBfTCCASOgAwIBAgIUKt0qXGHzn+7b6lhYtqPs7Zw1FOkwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJdGVzdC1yb290MB4XDTI2MDEwMTAwMDAwMFoXDTM2MDEwMTAw
MDAwMFowFDESMBAGA1UEAwwJdGVzdC1yb290MFkwEwYHKoZIzj0CAQYIKoZIzj0D
AQcDQgAE
-----END CERTIFICATE-----`;

describe("applications", () => {
  it("creates real key material: sealed master key, SDK config, first version", async () => {
    const id = uniqueId("MY_APP");
    const detail = await createApplication({ actor: testActor, id, roles: ["ROLE1", "ROLE2", "ROLE1"] });
    expect(detail).toMatchObject({ id, roles: ["ROLE1", "ROLE2"], serviceBaseUrl: expect.stringMatching(/^http/) });
    expect(fromBase64(detail.appKey)).toHaveLength(16);
    expect(fromBase64(detail.appSecret)).toHaveLength(16);
    expect(fromBase64(detail.masterServerPublicKey)).toHaveLength(65);
    expect(decodeMobileSdkConfig(detail.mobileSdkConfig)).toEqual({
      applicationKey: detail.appKey,
      applicationSecret: detail.appSecret,
      masterServerPublicKey: detail.masterServerPublicKey,
    });

    // The private key is stored sealed, opens only for this application, and matches the public key.
    const row = await db.masterKeyPair.findFirstOrThrow({ where: { applicationId: id } });
    expect(row.privateKeyEncrypted).not.toContain(detail.masterServerPublicKey);
    const privateKey = openSecret(row.privateKeyEncrypted, masterKeyContext(id));
    expect(publicKeyFromPrivate(privateKey).toString("base64")).toBe(detail.masterServerPublicKey);
    expect(() => openSecret(row.privateKeyEncrypted, masterKeyContext("other"))).toThrow(/does not open/);
    const signature = ecdsaSignDer(privateKey, utf8("hello"));
    expect(ecdsaVerifyDer(fromBase64(detail.masterServerPublicKey), utf8("hello"), signature)).toBe(true);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "application.create", targetId: id } });
    expect(JSON.stringify(audit.after)).not.toContain(detail.appSecret);
    expect(JSON.stringify(audit.after)).not.toContain(row.privateKeyEncrypted);
  });

  it("refuses an existing id, also when two creates race", async () => {
    const id = uniqueId("dup");
    await createApplication({ actor: testActor, id, roles: [] });
    await expect(createApplication({ actor: testActor, id, roles: [] })).rejects.toMatchObject({ code: "ERROR_ADMIN" });

    const racing = uniqueId("race");
    const results = await Promise.allSettled([1, 2, 3].map(() => createApplication({ actor: testActor, id: racing, roles: [] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "ERROR_ADMIN" });
    expect(await db.masterKeyPair.count({ where: { applicationId: racing } })).toBe(1);
  });

  it("lists ids and searches with paging", async () => {
    const app = await makeApplication();
    expect(await listApplicationIds({ actor: testActor })).toContainEqual({ id: app.id });
    const found = await searchApplications({ actor: testActor, search: app.id.toUpperCase(), page: 1, pageSize: 10 });
    expect(found.items.map((i) => i.id)).toEqual([app.id]);
    expect(found.items[0]).toMatchObject({ versions: 1, supportedVersions: 1, activeCredentials: 0 });
  });

  it("adds roles ignoring duplicates, removes ignoring missing ones, audits only real changes", async () => {
    const app = await makeApplication(["A"]);
    expect(await addApplicationRoles({ actor: testActor, id: app.id, roles: ["B", "A", "B"] })).toEqual(["A", "B"]);
    expect(await removeApplicationRoles({ actor: testActor, id: app.id, roles: ["A", "MISSING"] })).toEqual(["B"]);
    expect(await removeApplicationRoles({ actor: testActor, id: app.id, roles: ["MISSING"] })).toEqual(["B"]);
    const events = await db.auditEvent.findMany({ where: { targetId: app.id, action: { startsWith: "application.roles" } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["application.roles.add", { roles: ["A"] }, { roles: ["A", "B"] }],
      ["application.roles.remove", { roles: ["A", "B"] }, { roles: ["B"] }],
    ]);
    await expect(addApplicationRoles({ actor: testActor, id: "nope-nope", roles: ["X"] })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
  });

  it("adds versions, marks them unsupported, and the detail follows", async () => {
    const app = await makeApplication();
    const v2 = await createApplicationVersion({ actor: testActor, id: app.id, name: "2.0" });
    await expect(createApplicationVersion({ actor: testActor, id: app.id, name: "2.0" })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    expect((await getApplicationDetail({ actor: testActor, id: app.id })).appKey).toBe(v2.appKey);
    expect((await getApplicationDetail({ actor: testActor, id: app.id, version: "default" })).appKey).toBe(app.appKey);

    await setApplicationVersionSupport({ actor: testActor, id: app.id, versionName: "2.0", supported: false });
    expect((await getApplicationDetail({ actor: testActor, id: app.id })).appKey).toBe(app.appKey);
    await expect(getApplicationDetail({ actor: testActor, id: app.id, version: "2.0" })).rejects.toMatchObject({
      code: "ERROR_ADMIN",
      message: "No enabled application version was found",
    });
    // The last supported version only goes with an explicit acknowledgement.
    await expect(setApplicationVersionSupport({ actor: testActor, id: app.id, versionName: "default", supported: false })).rejects.toMatchObject({
      code: "ERROR_ADMIN",
      message: expect.stringContaining("last supported version"),
    });
    expect((await getApplicationDetail({ actor: testActor, id: app.id })).appKey).toBe(app.appKey);
    expect(
      await setApplicationVersionSupport({ actor: testActor, id: app.id, versionName: "default", supported: false, acknowledgeNoneSupported: true }),
    ).toEqual({ name: "default", supported: false, supportedVersions: 0 });
    await expect(getApplicationDetail({ actor: testActor, id: app.id })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    await expect(getApplicationDetail({ actor: testActor, id: "missing-app" })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
  });

  it("accepts only the documented config keys with valid values", async () => {
    const app = await makeApplication();
    const set = (key: string, values: unknown[]) => setApplicationConfig({ actor: testActor, id: app.id, key, values });
    expect(await set("fido2_attestation_fmt_allowed", ["packed", "none"])).toEqual({
      appId: app.id,
      key: "fido2_attestation_fmt_allowed",
      values: ["packed", "none"],
    });
    await set("fido2_aaguids_allowed", ["b34d6780-4264-459e-9b99-600a21017a69"]);
    await expect(set("invalid", ["x"])).rejects.toMatchObject({
      code: "ERROR_ADMIN",
      message: "Invalid create application configuration request for configuration key: invalid",
    });
    await expect(set("fido2_attestation_fmt_allowed", ["made-up"])).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    await expect(set("fido2_aaguids_allowed", ["not-a-uuid"])).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    await expect(set("fido2_root_ca_certs", [PEM.replace("MIIB", "XXXX")])).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    await expect(set("oauth2_providers", [{ providerId: "x" }])).rejects.toMatchObject({ code: "ERROR_ADMIN" });

    const config = await getApplicationConfig({ actor: testActor, id: app.id });
    expect(config.applicationConfigs.map((c) => c.key)).toEqual(["fido2_aaguids_allowed", "fido2_attestation_fmt_allowed"]);

    await removeApplicationConfig({ actor: testActor, id: app.id, key: "fido2_aaguids_allowed" });
    await removeApplicationConfig({ actor: testActor, id: app.id, key: "fido2_aaguids_allowed" });
    await expect(removeApplicationConfig({ actor: testActor, id: app.id, key: "invalid" })).rejects.toMatchObject({
      message: "Invalid remove application configuration request for configuration key: invalid",
    });
    expect((await getApplicationConfig({ actor: testActor, id: app.id })).applicationConfigs).toHaveLength(1);
  });

  it("seals OAuth client secrets, never shows them, and keeps them when omitted", async () => {
    const app = await makeApplication();
    const provider = {
      providerId: "bank-idp",
      clientId: "client",
      clientSecret: "s3cr3t-value",
      issuerUri: "https://idp.bank.test",
      redirectUri: "https://app.bank.test/cb",
    };
    const shown = await setApplicationConfig({ actor: testActor, id: app.id, key: "oauth2_providers", values: [provider] });
    const { clientSecret: _secret, ...visible } = provider;
    expect(shown.values).toEqual([{ ...visible, clientSecretSet: true }]);
    const row = await db.applicationConfig.findFirstOrThrow({ where: { applicationId: app.id, key: "oauth2_providers" } });
    expect(row.values).toBeNull();
    expect(row.valuesEncrypted).not.toContain("s3cr3t");
    const audits = await db.auditEvent.findMany({ where: { targetId: app.id, action: "application.config.set" } });
    expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toContain("s3cr3t");

    // Sending back what a read shows (no secret) keeps the stored secret.
    const read = await getApplicationConfig({ actor: testActor, id: app.id });
    const values = read.applicationConfigs[0]!.values;
    await setApplicationConfig({ actor: testActor, id: app.id, key: "oauth2_providers", values: values });
    const again = await db.applicationConfig.findFirstOrThrow({ where: { applicationId: app.id, key: "oauth2_providers" } });
    const { openSecretText } = await import("@/server/security/secret-box");
    expect(JSON.parse(openSecretText(again.valuesEncrypted!, `app-config:${app.id}:oauth2_providers`))[0].clientSecret).toBe("s3cr3t-value");
  });

  it("lets a viewer read but not change anything, and writes nothing when refused", async () => {
    const app = await makeApplication(["R"]);
    const { actor } = await makeStaff("VIEWER");
    expect((await getApplicationDetail({ actor, id: app.id })).id).toBe(app.id);
    const before = await db.auditEvent.count();
    const refused = [
      createApplication({ actor, id: uniqueId("v"), roles: [] }),
      addApplicationRoles({ actor, id: app.id, roles: ["X"] }),
      removeApplicationRoles({ actor, id: app.id, roles: ["R"] }),
      createApplicationVersion({ actor, id: app.id, name: "v9" }),
      setApplicationVersionSupport({ actor, id: app.id, versionName: "default", supported: false }),
      setApplicationConfig({ actor, id: app.id, key: "fido2_attestation_fmt_allowed", values: ["packed"] }),
      removeApplicationConfig({ actor, id: app.id, key: "fido2_attestation_fmt_allowed" }),
    ];
    for (const result of await Promise.allSettled(refused)) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "HTTP_403" });
    }
    expect(await db.auditEvent.count()).toBe(before);
    expect((await getApplicationDetail({ actor, id: app.id })).roles).toEqual(["R"]);
  });

  it("lets only one of two concurrent unsupports take the last but one version", async () => {
    const app = await makeApplication();
    await createApplicationVersion({ actor: testActor, id: app.id, name: "2.0" });
    const results = await Promise.allSettled(
      ["default", "2.0"].map((versionName) => setApplicationVersionSupport({ actor: testActor, id: app.id, versionName, supported: false })),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const supported = await db.applicationVersion.count({ where: { applicationId: app.id, supported: true } });
    expect(supported).toBe(1);
  });

  it("sorts the console's list by ID or creation", async () => {
    const prefix = uniqueId("sort").toLowerCase();
    for (const suffix of ["b", "a", "c"]) await createApplication({ actor: testActor, id: `${prefix}-${suffix}`, roles: [] });
    const ids = async (sort: "id" | "createdAt", direction: "asc" | "desc") =>
      (await searchApplications({ actor: testActor, search: prefix, page: 1, pageSize: 10, sort, direction })).items.map((a) => a.id.slice(-1));
    expect(await ids("id", "asc")).toEqual(["a", "b", "c"]);
    expect(await ids("id", "desc")).toEqual(["c", "b", "a"]);
    expect(await ids("createdAt", "desc")).toEqual(["c", "a", "b"]);
  });
});

describe("protocol settings", () => {
  const settings = { activationValiditySeconds: 600, maxFailedAttempts: 3, signatureLookAhead: 10, allowedProtocolVersions: ["3.3", "3.2"] };

  it("start at the protocol's defaults, change with an audit entry, and keep versions in protocol order", async () => {
    const app = await makeApplication();
    const before = (await getApplicationOverview({ actor: testActor, id: app.id })).protocolSettings;
    expect(before).toEqual({ activationValiditySeconds: 300, maxFailedAttempts: 5, signatureLookAhead: 20, allowedProtocolVersions: ["3.0", "3.1", "3.2", "3.3"] });

    const saved = await setApplicationProtocolSettings({ actor: testActor, id: app.id, settings: ZProtocolSettings.parse(settings) });
    expect(saved).toEqual({ ...settings, allowedProtocolVersions: ["3.2", "3.3"] });
    expect((await getApplicationOverview({ actor: testActor, id: app.id })).protocolSettings).toEqual(saved);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "application.protocol-settings", targetId: app.id } });
    expect(audit.before).toEqual(before);
    expect(audit.after).toEqual(saved);

    // Saving the same values again changes nothing and writes no second entry.
    await setApplicationProtocolSettings({ actor: testActor, id: app.id, settings: ZProtocolSettings.parse(settings) });
    expect(await db.auditEvent.count({ where: { action: "application.protocol-settings", targetId: app.id } })).toBe(1);
  });

  it("refuse values outside their bounds, no version at all, unknown versions, and unknown applications", async () => {
    for (const bad of [
      { ...settings, activationValiditySeconds: 59 },
      { ...settings, activationValiditySeconds: 7 * 24 * 3600 + 1 },
      { ...settings, maxFailedAttempts: 0 },
      { ...settings, signatureLookAhead: 101 },
      { ...settings, signatureLookAhead: 2.5 },
      { ...settings, allowedProtocolVersions: [] },
      { ...settings, allowedProtocolVersions: ["2.1"] },
    ]) {
      expect(ZProtocolSettings.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    await expect(setApplicationProtocolSettings({ actor: testActor, id: uniqueId("NOPE"), settings: ZProtocolSettings.parse(settings) })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
  });

  it("are for administrators only", async () => {
    const app = await makeApplication();
    const { actor: operator } = await makeStaff("OPERATOR");
    await expect(setApplicationProtocolSettings({ actor: operator, id: app.id, settings: ZProtocolSettings.parse(settings) })).rejects.toMatchObject({ code: "HTTP_403" });
  });
});
