import { z } from "zod";

import { ZInviteStaff, ZStaffRole } from "@/schemas/staff";
import { inviteStaff } from "@/server/services/staff/invite-staff";
import { listStaff } from "@/server/services/staff/list-staff";
import { resetStaffPassword, setStaffDisabled, setStaffRole } from "@/server/services/staff/update-staff";

import { permissionProcedure, router } from "../init";

const write = permissionProcedure("staff.write");

export const staffRouter = router({
  list: permissionProcedure("staff.read").query(({ ctx }) => listStaff({ actor: ctx.actor })),
  invite: write.input(ZInviteStaff).mutation(({ ctx, input }) => inviteStaff({ actor: ctx.actor, ...input })),
  setRole: write
    .input(z.object({ id: z.uuid(), role: ZStaffRole }))
    .mutation(({ ctx, input }) => setStaffRole({ actor: ctx.actor, ...input })),
  setDisabled: write
    .input(z.object({ id: z.uuid(), disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setStaffDisabled({ actor: ctx.actor, ...input })),
  resetPassword: write.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => resetStaffPassword({ actor: ctx.actor, id: input.id })),
});
