import { z } from "zod";

import { ZNewPassword } from "@/schemas/staff";
import { permissionsOf } from "@/server/services/access/permissions";
import { changeOwnPassword } from "@/server/services/staff/change-own-password";

import { router, staffProcedure } from "../init";

export const accountRouter = router({
  me: staffProcedure.query(({ ctx }) => ({
    id: ctx.actor.id,
    email: ctx.actor.label,
    name: ctx.actor.name,
    role: ctx.actor.role,
    mustChangePassword: ctx.actor.mustChangePassword,
    permissions: permissionsOf(ctx.actor),
  })),
  /** Ends every session of the user (the session version changes), so the client signs in again. */
  changePassword: staffProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: ZNewPassword }))
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword({ actor: ctx.actor, ...input });
      return { ok: true };
    }),
});
