import { ZUserTimelineQuery } from "@/schemas/registrations";
import { listUserTimeline } from "@/server/services/support/list-user-timeline";

import { permissionProcedure, router } from "../init";

export const supportRouter = router({
  /** One user's registrations, operations and verification results, newest first. */
  timeline: permissionProcedure("registrations.read")
    .input(ZUserTimelineQuery)
    .query(({ ctx, input: { userId, applicationId, cursor, pageSize } }) => listUserTimeline({ actor: ctx.actor, userId, applicationId, cursor, limit: pageSize })),
});
