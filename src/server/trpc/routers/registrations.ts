import {
  REGISTRATION_STATUSES,
  ZConsoleBlockRegistration,
  ZConsoleCommitRegistration,
  ZConsoleCreateRegistration,
  ZConsoleFlagsChange,
  ZConsoleRegistrationListQuery,
  ZConsoleRegistrationRef,
  ZVirtualDeviceActivate,
  ZVirtualDeviceSign,
} from "@/schemas/registrations";
import { activateVirtualDevice } from "@/server/services/registrations/activate-virtual-device";
import { changeRegistrationFlags } from "@/server/services/registrations/change-registration-flags";
import { changeRegistrationStatus } from "@/server/services/registrations/change-registration-status";
import { commitRegistration } from "@/server/services/registrations/commit-registration";
import { createRegistration } from "@/server/services/registrations/create-registration";
import { discardVirtualDevice } from "@/server/services/registrations/discard-virtual-device";
import { getRegistrationDetail } from "@/server/services/registrations/get-registration-detail";
import { getVirtualDevice } from "@/server/services/registrations/get-virtual-device";
import { listRegistrationHistory } from "@/server/services/registrations/list-registration-history";
import { listRegistrations } from "@/server/services/registrations/list-registrations";
import { refreshVirtualDeviceStatus } from "@/server/services/registrations/refresh-virtual-device-status";
import { signWithVirtualDevice } from "@/server/services/registrations/sign-with-virtual-device";

import { permissionProcedure, router } from "../init";

const read = permissionProcedure("registrations.read");
const write = permissionProcedure("registrations.write");

/** The list's status filter as the service takes it: "open" is its default (all but REMOVED). */
const statusesOf = (status: (typeof ZConsoleRegistrationListQuery)["_output"]["status"]) =>
  status === "open" ? undefined : status === "all" ? [...REGISTRATION_STATUSES] : [status];

export const registrationsRouter = router({
  list: read
    .input(ZConsoleRegistrationListQuery)
    .query(({ ctx, input: { search, userId, applicationId, status, flag, cursor, newerThan, pageSize } }) =>
      listRegistrations({ actor: ctx.actor, filter: { idOrUserId: search, userId, applicationId, flag, statuses: statusesOf(status) }, cursor, newerThan, limit: pageSize }),
    ),
  get: read.input(ZConsoleRegistrationRef).query(({ ctx, input }) => getRegistrationDetail({ actor: ctx.actor, ...input })),
  history: read.input(ZConsoleRegistrationRef).query(({ ctx, input }) => listRegistrationHistory({ actor: ctx.actor, ...input })),
  /** The activation code and QR data are in this response (and the detail, for writers). */
  create: write.input(ZConsoleCreateRegistration).mutation(({ ctx, input }) => createRegistration({ actor: ctx.actor, ...input })),
  block: write
    .input(ZConsoleBlockRegistration)
    .mutation(({ ctx, input }) => changeRegistrationStatus({ actor: ctx.actor, registrationId: input.registrationId, change: "BLOCK", blockReason: input.blockReason })),
  unblock: write.input(ZConsoleRegistrationRef).mutation(({ ctx, input }) => changeRegistrationStatus({ actor: ctx.actor, ...input, change: "UNBLOCK" })),
  remove: write.input(ZConsoleRegistrationRef).mutation(({ ctx, input }) => changeRegistrationStatus({ actor: ctx.actor, ...input, change: "REMOVE" })),
  commit: write.input(ZConsoleCommitRegistration).mutation(({ ctx, input }) => commitRegistration({ actor: ctx.actor, ...input })),
  changeFlags: write.input(ZConsoleFlagsChange).mutation(({ ctx, input }) => changeRegistrationFlags({ actor: ctx.actor, ...input })),
  virtualDevice: read.input(ZConsoleRegistrationRef).query(({ ctx, input }) => getVirtualDevice({ actor: ctx.actor, ...input })),
  activateVirtualDevice: write.input(ZVirtualDeviceActivate).mutation(({ ctx, input }) => activateVirtualDevice({ actor: ctx.actor, ...input })),
  signWithVirtualDevice: write.input(ZVirtualDeviceSign).mutation(({ ctx, input }) => signWithVirtualDevice({ actor: ctx.actor, ...input })),
  virtualDeviceStatus: write.input(ZConsoleRegistrationRef).mutation(({ ctx, input }) => refreshVirtualDeviceStatus({ actor: ctx.actor, ...input })),
  discardVirtualDevice: write.input(ZConsoleRegistrationRef).mutation(({ ctx, input }) => discardVirtualDevice({ actor: ctx.actor, ...input })),
});
