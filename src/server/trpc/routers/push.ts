import { ZApplicationId } from "@/schemas/applications";
import { ZConsoleRemovePushCredential, ZConsoleSetPushCredential, ZPushDeviceListInput } from "@/schemas/push";
import { ZConsoleTestPush, ZPushMessageDetailInput, ZPushMessageListInput } from "@/schemas/push-messages";
import { z } from "@/schemas/zod";
import { getPushConfiguration } from "@/server/services/push/get-push-configuration";
import { listPushOverview } from "@/server/services/push/list-push-applications";
import { getPushMessage } from "@/server/services/push/get-push-message";
import { listPushDevices } from "@/server/services/push/list-push-devices";
import { listPushMessages } from "@/server/services/push/list-push-messages";
import { toConsolePushCredential } from "@/server/services/push/push-credential-store";
import { removePushCredential } from "@/server/services/push/remove-push-credential";
import { sendTestPush } from "@/server/services/push/send-test-push";
import { setPushCredential } from "@/server/services/push/set-push-credential";

import { permissionProcedure, router } from "../init";

export const pushRouter = router({
  /** Every application, with each provider's credential state (not set, set, failing). */
  applications: permissionProcedure("push.read").query(({ ctx }) => listPushOverview({ actor: ctx.actor })),
  /** Public settings and health of each provider; never a key or secret. */
  configuration: permissionProcedure("push.read")
    .input(z.object({ applicationId: ZApplicationId }))
    .query(async ({ ctx, input }) => {
      const { credentials } = await getPushConfiguration({ actor: ctx.actor, applicationId: input.applicationId });
      return { applicationId: input.applicationId, credentials: credentials.map(toConsolePushCredential) };
    }),
  setCredential: permissionProcedure("push.configure")
    .input(ZConsoleSetPushCredential)
    .mutation(async ({ ctx, input }) => {
      const { applicationId, ...credential } = input;
      const rows = await setPushCredential({ actor: ctx.actor, applicationId, input: credential });
      return { applicationId, credentials: rows.map(toConsolePushCredential) };
    }),
  removeCredential: permissionProcedure("push.configure")
    .input(ZConsoleRemovePushCredential)
    .mutation(({ ctx, input }) => removePushCredential({ actor: ctx.actor, applicationId: input.applicationId, provider: input.provider })),
  devices: permissionProcedure("push.read")
    .input(ZPushDeviceListInput)
    .query(({ ctx, input }) => listPushDevices({ actor: ctx.actor, ...input })),
  /** The message log: newest first, with delivery counts. */
  messages: permissionProcedure("push.read")
    .input(ZPushMessageListInput)
    .query(({ ctx, input }) => listPushMessages({ actor: ctx.actor, ...input })),
  /** One message with its deliveries and every attempt. */
  message: permissionProcedure("push.read")
    .input(ZPushMessageDetailInput)
    .query(({ ctx, input }) => getPushMessage({ actor: ctx.actor, ...input })),
  /** One visible push to one token through the real pipeline; answers with the provider's first answer. */
  testPush: permissionProcedure("push.send")
    .input(ZConsoleTestPush)
    .mutation(({ ctx, input }) => sendTestPush({ actor: ctx.actor, ...input })),
});
