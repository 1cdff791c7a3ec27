import { z } from "zod";

import { ZCreateCredential, ZCredentialListQuery, ZRotateCredential } from "@/schemas/credentials";
import { createCredential } from "@/server/services/credentials/create-credential";
import { revokeCredential } from "@/server/services/credentials/revoke-credential";
import { rotateCredential } from "@/server/services/credentials/rotate-credential";
import { searchCredentials } from "@/server/services/credentials/search-credentials";

import { permissionProcedure, router } from "../init";

export const credentialsRouter = router({
  list: permissionProcedure("credentials.read")
    .input(ZCredentialListQuery)
    .query(({ ctx, input }) => searchCredentials({ actor: ctx.actor, ...input })),
  /** The password is in this response only; it is never stored or shown again. */
  create: permissionProcedure("credentials.write")
    .input(ZCreateCredential)
    .mutation(({ ctx, input }) => createCredential({ actor: ctx.actor, ...input })),
  /** Like create: the new password is in this response only. */
  rotate: permissionProcedure("credentials.write")
    .input(ZRotateCredential)
    .mutation(({ ctx, input }) => rotateCredential({ actor: ctx.actor, ...input })),
  revoke: permissionProcedure("credentials.write")
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeCredential({ actor: ctx.actor, idOrUsername: input.id })),
});
