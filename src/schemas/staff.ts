import { z } from "./zod";

import { requiredString } from "./common";

export const ZStaffRole = z.enum(["ADMINISTRATOR", "OPERATOR", "VIEWER"]);

export const ZEmail = z.email({ error: "must be an e-mail address" }).max(254).transform((value) => value.toLowerCase());

export const ZInviteStaff = z.object({
  email: ZEmail,
  name: requiredString(100),
  role: ZStaffRole,
});

export const ZNewPassword = z.string().min(12, { error: "must be at least 12 characters" }).max(200);
