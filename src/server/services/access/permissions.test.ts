import { describe, expect, it } from "vitest";

import type { StaffRole } from "@/schemas/staff";

import { can, PERMISSIONS, permissionsOf } from "./permissions";
import { anonymousActor, systemActor, type Actor } from "./actor";

const staff = (role: StaffRole): Actor => ({ type: "STAFF", id: "1", label: "x", role });
const credential = (scope: "ADMIN" | "APPLICATION"): Actor => ({ type: "CREDENTIAL", id: "1", label: "c", scope, applicationId: scope === "ADMIN" ? null : "app" });

describe("permissions", () => {
  it("lets viewers read only, and operators also work on registrations and operations and send test pushes", () => {
    expect(permissionsOf(staff("VIEWER")).every((p) => p.endsWith(".read"))).toBe(true);
    expect(permissionsOf(staff("OPERATOR")).filter((p) => !p.endsWith(".read"))).toEqual(["registrations.write", "operations.write", "push.send"]);
    // A message to every device of an application is an administrator's decision.
    expect(can(staff("OPERATOR"), "push.broadcast")).toBe(false);
    for (const role of ["VIEWER", "OPERATOR"] as const) expect(can(staff(role), "applications.read")).toBe(true);
    expect(can(staff("OPERATOR"), "templates.write")).toBe(false);
  });

  it("gives administrators everything", () => {
    expect(permissionsOf(staff("ADMINISTRATOR"))).toEqual([...PERMISSIONS]);
  });

  it("refuses the anonymous actor everything, and lets the system itself do anything", () => {
    expect(permissionsOf(anonymousActor())).toEqual([]);
    expect(permissionsOf(systemActor())).toEqual([...PERMISSIONS]);
  });

  it("limits admin credentials to the admin API and gives application credentials none of it", () => {
    expect(can(credential("ADMIN"), "applications.write")).toBe(true);
    expect(can(credential("ADMIN"), "credentials.write")).toBe(false);
    expect(can(credential("ADMIN"), "staff.write")).toBe(false);
    expect(can(credential("ADMIN"), "push.configure")).toBe(true);
    expect(can(credential("ADMIN"), "push.devices")).toBe(false);
    expect(can(credential("ADMIN"), "push.send")).toBe(false);
    // Push: an application's backend binds devices and sends messages; only admin credentials configure providers.
    expect(permissionsOf(credential("APPLICATION"))).toEqual(["registrations.read", "registrations.write", "operations.read", "operations.write", "templates.read", "push.read", "push.devices", "push.send"]);
  });
});
