import { z } from "zod";

import { ZApplicationId } from "@/schemas/applications";
import { ZCreateCredential } from "@/schemas/credentials";
import { createCredential } from "@/server/services/credentials/create-credential";
import { listCredentials } from "@/server/services/credentials/list-credentials";
import { revokeCredential } from "@/server/services/credentials/revoke-credential";

import { permissionProcedure, router } from "../init";

export const credentialsRouter = router({
  list: permissionProcedure("credentials.read")
    .input(z.object({ applicationId: ZApplicationId.optional() }))
    .query(({ ctx, input }) => listCredentials({ actor: ctx.actor, applicationId: input.applicationId })),
  /** The password is in this response only; it is never stored or shown again. */
  create: permissionProcedure("credentials.write")
    .input(ZCreateCredential)
    .mutation(({ ctx, input }) => createCredential({ actor: ctx.actor, ...input })),
  revoke: permissionProcedure("credentials.write")
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeCredential({ actor: ctx.actor, idOrUsername: input.id })),
});
