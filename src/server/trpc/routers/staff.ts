import { z } from "zod";

import { pageInput } from "@/schemas/common";
import { ZInviteStaff, ZStaffRole } from "@/schemas/staff";
import { inviteStaff } from "@/server/services/staff/invite-staff";
import { listStaff, STAFF_SORTS } from "@/server/services/staff/list-staff";
import { resetStaffPassword } from "@/server/services/staff/reset-staff-password";
import { setStaffDisabled } from "@/server/services/staff/set-staff-disabled";
import { setStaffRole } from "@/server/services/staff/set-staff-role";

import { permissionProcedure, router } from "../init";

const write = permissionProcedure("staff.write");

const ZStaffListQuery = pageInput.extend({
  search: z.string().trim().max(254).optional(),
  role: ZStaffRole.optional(),
  status: z.enum(["active", "disabled", "all"]).default("all"),
  sort: z.enum(STAFF_SORTS).default("email"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});

export const staffRouter = router({
  list: permissionProcedure("staff.read")
    .input(ZStaffListQuery)
    .query(({ ctx, input }) => listStaff({ actor: ctx.actor, ...input })),
  invite: write.input(ZInviteStaff).mutation(({ ctx, input }) => inviteStaff({ actor: ctx.actor, ...input })),
  setRole: write
    .input(z.object({ id: z.uuid(), role: ZStaffRole }))
    .mutation(({ ctx, input }) => setStaffRole({ actor: ctx.actor, ...input })),
  setDisabled: write
    .input(z.object({ id: z.uuid(), disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setStaffDisabled({ actor: ctx.actor, ...input })),
  resetPassword: write.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => resetStaffPassword({ actor: ctx.actor, id: input.id })),
});
