/**
 * The Push Server's provider admin routes (push-server-api.txt "Administration"): the current
 * `PUT /admin/app/apns|fcm|hms` (POST too, as the reference serves), `DELETE` of each, and the
 * deprecated `ios|android|huawei/update|remove`, which edit the same store. Route files call these
 * so each pair of names stays one definition.
 */
import type { PushProvider } from "@/generated/prisma/enums";
import { ZPushApnsRequest, ZPushAppIdRequest, ZPushFcmRequest, ZPushHmsRequest } from "@/schemas/push";
import { removePushCredential } from "@/server/services/push/remove-push-credential";
import { setPushCredential } from "@/server/services/push/set-push-credential";

import { OK } from "./envelope";
import { restRoute, type RestHandler } from "./rest-route";

export const setApnsRoute = (): RestHandler =>
  restRoute({
    auth: "admin",
    family: "push",
    body: ZPushApnsRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      const { appId, bundle, ...rest } = input;
      await setPushCredential({ actor, applicationId: appId, input: { provider: "APNS", topic: bundle, ...rest } });
      return OK;
    },
  });

export const setFcmRoute = (): RestHandler =>
  restRoute({
    auth: "admin",
    family: "push",
    body: ZPushFcmRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      const { appId, ...rest } = input;
      await setPushCredential({ actor, applicationId: appId, input: { provider: "FCM", ...rest } });
      return OK;
    },
  });

export const setHmsRoute = (): RestHandler =>
  restRoute({
    auth: "admin",
    family: "push",
    body: ZPushHmsRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      const { appId, ...rest } = input;
      await setPushCredential({ actor, applicationId: appId, input: { provider: "HMS", ...rest } });
      return OK;
    },
  });

/** The document's current DELETEs show no body; the application comes in `requestObject.appId` as in the deprecated ones. */
export const removeCredentialRoute = (provider: PushProvider): RestHandler =>
  restRoute({
    auth: "admin",
    family: "push",
    body: ZPushAppIdRequest,
    handler: async ({ actor, body }) => {
      await removePushCredential({ actor, applicationId: body.requestObject.appId, provider });
      return OK;
    },
  });
