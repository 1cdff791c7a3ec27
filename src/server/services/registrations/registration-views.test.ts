import { describe, expect, it } from "vitest";

import { ZChangeRegistrationRequest, ZCommitRegistrationRequest, ZCreateRegistrationRequest } from "@/schemas/registrations";

import { otpRulesOf } from "./registration-otp";
import { registrationScopeApplication, toCloudListItem, toCloudRegistration, type RegistrationViewRow } from "./registration-views";

const created = new Date("2026-01-02T03:04:05.678Z");
const row = (overrides: Partial<RegistrationViewRow> = {}): RegistrationViewRow => ({
  id: "8819ac31-ad29-40d1-ac60-1b54293abe61",
  applicationId: "APP",
  userId: "user",
  status: "CREATED",
  activationCode: "AAAAA-AAAAA-AAAAA-AAAAA",
  activationSignature: "MEUCIQ==",
  otpValidation: "NONE",
  expiresAt: new Date(Date.now() + 60_000),
  flags: ["FLAG_1"],
  blockedReason: null,
  failedAttempts: 0,
  maxFailedAttempts: 5,
  fingerprint: "52649917",
  name: "iPhone",
  platform: "ios",
  deviceInfo: "iPhone10,6",
  protocolVersion: "3.3",
  createdAt: created,
  lastUsedAt: created,
  lastChangedAt: created,
  ...overrides,
});

describe("Cloud registration shapes", () => {
  it("has exactly the documented members for each state, with Long millisecond timestamps", () => {
    expect(toCloudRegistration(row())).toEqual({
      registrationId: row().id,
      registrationStatus: "CREATED",
      activationQrCodeData: "AAAAA-AAAAA-AAAAA-AAAAA#MEUCIQ==",
      flags: ["FLAG_1"],
      timestampCreated: created.getTime(),
      timestampLastUsed: created.getTime(),
    });
    expect(Object.keys(toCloudRegistration(row({ status: "PENDING_COMMIT" }))).sort()).toEqual(
      ["activationFingerprint", "deviceInfo", "flags", "name", "platform", "registrationId", "registrationStatus", "timestampCreated", "timestampLastUsed"].sort(),
    );
    for (const status of ["ACTIVE", "BLOCKED"] as const) {
      expect(Object.keys(toCloudRegistration(row({ status }))).sort()).toEqual(["deviceInfo", "flags", "name", "platform", "registrationId", "registrationStatus", "timestampCreated", "timestampLastUsed"].sort());
    }
    expect(() => toCloudRegistration(row({ status: "REMOVED" }))).toThrow();
    expect(toCloudListItem(row({ status: "ACTIVE" }))).toEqual({ registrationId: row().id, registrationStatus: "ACTIVE", name: "iPhone", flags: ["FLAG_1"], timestampCreated: created.getTime(), timestampLastUsed: created.getTime() });
  });

  it("offers no QR code once a CREATED registration has expired", () => {
    expect(toCloudRegistration(row({ expiresAt: new Date(Date.now() - 1) })).registrationStatus).toBe("CREATED");
    expect(toCloudRegistration(row({ expiresAt: new Date(Date.now() - 1) }))).toMatchObject({ activationQrCodeData: null });
  });
});

describe("who sees which registrations", () => {
  it("limits a credential to its own application and lets staff choose", () => {
    const credential = { type: "CREDENTIAL", id: "c", label: "c", scope: "APPLICATION", applicationId: "A" } as const;
    expect(registrationScopeApplication(credential)).toEqual({ only: "A", impossible: false });
    expect(registrationScopeApplication(credential, "A")).toEqual({ only: "A", impossible: false });
    expect(registrationScopeApplication(credential, "B").impossible).toBe(true);
    expect(registrationScopeApplication({ ...credential, scope: "ADMIN", applicationId: null }).impossible).toBe(true);
    expect(registrationScopeApplication({ type: "STAFF", id: "s", label: "s", role: "VIEWER" })).toEqual({ only: null, impossible: false });
    expect(registrationScopeApplication({ type: "CLI", id: null, label: "cli" }, "B")).toEqual({ only: "B", impossible: false });
  });
});

describe("OTP rules and request contracts", () => {
  it("maps otpValidation to the protocol's OTP phase and commit phase", () => {
    expect(otpRulesOf("NONE")).toEqual({ otpPhase: null, commitPhase: "ON_COMMIT" });
    expect(otpRulesOf("ON_KEY_EXCHANGE")).toEqual({ otpPhase: "ON_KEY_EXCHANGE", commitPhase: "ON_KEY_EXCHANGE" });
    expect(otpRulesOf("ON_COMMIT")).toEqual({ otpPhase: "ON_COMMIT", commitPhase: "ON_COMMIT" });
  });

  it("takes null for absent optional members and applies the defaults", () => {
    expect(ZCreateRegistrationRequest.parse({ userId: "u", appId: "APP", otp: null, otpValidation: null, flags: null })).toEqual({ userId: "u", appId: "APP", otpValidation: "NONE", flags: [] });
    expect(ZCommitRegistrationRequest.parse({ externalUserId: null, otp: null })).toEqual({});
    expect(ZChangeRegistrationRequest.safeParse({ change: null }).success).toBe(false);
    expect(ZCreateRegistrationRequest.safeParse({ userId: "u", appId: "APP", otpValidation: "ON_COMMIT" }).success).toBe(false);
    expect(ZCreateRegistrationRequest.safeParse({ userId: "u", appId: "APP", otp: "1234" }).success).toBe(false);
  });
});
