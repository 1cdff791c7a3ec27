import { z } from "./zod";

import { requiredString } from "./common";
import { ZChosenPassword } from "./password-policy";

/** The staff roles, most powerful first: the one list every layer uses (the database enum matches it). */
export const STAFF_ROLES = ["ADMINISTRATOR", "OPERATOR", "VIEWER"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ZStaffRole = z.enum(STAFF_ROLES);

export const ZEmail = z.email({ error: "must be an e-mail address" }).max(254).transform((value) => value.toLowerCase());

export const ZInviteStaff = z.object({
  email: ZEmail,
  name: requiredString(100),
  role: ZStaffRole,
});

/** A staff member's new password: the one policy in `password-policy.ts`. */
export const ZNewPassword = ZChosenPassword;
