/**
 * Test data through the real services (never by writing rows behind their back), each call with
 * unique names so tests do not depend on one another.
 */
import crypto from "node:crypto";

import type { StaffRole } from "@/generated/prisma/enums";
import { cliActor, type Actor } from "@/server/services/access/actor";
import { createApplication } from "@/server/services/applications/create-application";
import { createCredential } from "@/server/services/credentials/create-credential";
import { inviteStaff } from "@/server/services/staff/invite-staff";

export const testActor: Actor = cliActor("test");

export function uniqueId(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

export function makeApplication(roles: string[] = []) {
  return createApplication({ actor: testActor, id: uniqueId("app"), roles });
}

export function makeCredential(scope: "ADMIN" | "APPLICATION", applicationId?: string) {
  return createCredential({ actor: testActor, name: uniqueId("cred"), scope, applicationId });
}

/** A staff member and the actor the console would build for them. */
export async function makeStaff(role: StaffRole) {
  const { user, temporaryPassword } = await inviteStaff({
    actor: testActor,
    email: `${uniqueId(role.toLowerCase())}@bank.test`,
    name: `Test ${role}`,
    role,
  });
  const actor: Actor & { type: "STAFF" } = { type: "STAFF", id: user.id, label: user.email, role };
  return { user, temporaryPassword, actor };
}
