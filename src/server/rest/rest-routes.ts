/**
 * Every REST path the product serves, and the route file under src/app/api that serves it. The
 * server wrapper dispatches these paths itself, straight from Node's HTTP server (no Next.js
 * routing, no rewrites); `rest-routes.test.ts` checks that this list and the route files agree.
 *
 * Paths use `{name}` for a parameter, named like the route file's `[name]` folder. Documented
 * paths under a REST prefix are served without `/api` (`/admin/…` is `src/app/api/admin/…`);
 * the few documented paths that do start with `/api` (the worker route, the Mobile Token
 * operations API, and later the push-registration endpoints) keep it.
 */

/** A route file's exports: method handlers (`NextRouteHandler`) and anything else Next allows. */
export type RouteModule = Partial<Record<string, unknown>>;

export interface RestRouteEntry {
  path: string;
  load: () => Promise<RouteModule>;
}

/** Everything under these belongs to the REST API: an unknown path there is a JSON 404, never a page. */
export const REST_PREFIXES = ["/admin", "/v2", "/push", "/inbox", "/audit", "/internal", "/pa"] as const;

export const REST_ROUTES: readonly RestRouteEntry[] = [
  // Admin API (admin-services-api.txt, cloud-multi-device-api.txt "Administrative Services")
  { path: "/admin/applications", load: () => import("@/app/api/admin/applications/route") },
  { path: "/admin/applications/detail", load: () => import("@/app/api/admin/applications/detail/route") },
  { path: "/admin/applications/roles", load: () => import("@/app/api/admin/applications/roles/route") },
  { path: "/admin/applications/{id}", load: () => import("@/app/api/admin/applications/[id]/route") },
  { path: "/admin/applications/{id}/config", load: () => import("@/app/api/admin/applications/[id]/config/route") },
  { path: "/admin/applications/{id}/roles/remove", load: () => import("@/app/api/admin/applications/[id]/roles/remove/route") },
  // Push provider configuration (admin-services-api.txt "Push Notification Services")
  { path: "/admin/applications/{id}/push", load: () => import("@/app/api/admin/applications/[id]/push/route") },
  { path: "/admin/applications/{id}/push/apns", load: () => import("@/app/api/admin/applications/[id]/push/apns/route") },
  { path: "/admin/applications/{id}/push/fcm", load: () => import("@/app/api/admin/applications/[id]/push/fcm/route") },
  { path: "/admin/applications/{id}/push/hms", load: () => import("@/app/api/admin/applications/[id]/push/hms/route") },
  // Push Server administration (push-server-api.txt "Administration"; ios/android/huawei are the deprecated names)
  { path: "/admin/app/list", load: () => import("@/app/api/admin/app/list/route") },
  { path: "/admin/app/unconfigured/list", load: () => import("@/app/api/admin/app/unconfigured/list/route") },
  { path: "/admin/app/detail", load: () => import("@/app/api/admin/app/detail/route") },
  { path: "/admin/app/create", load: () => import("@/app/api/admin/app/create/route") },
  { path: "/admin/app/apns", load: () => import("@/app/api/admin/app/apns/route") },
  { path: "/admin/app/fcm", load: () => import("@/app/api/admin/app/fcm/route") },
  { path: "/admin/app/hms", load: () => import("@/app/api/admin/app/hms/route") },
  { path: "/admin/app/ios/update", load: () => import("@/app/api/admin/app/ios/update/route") },
  { path: "/admin/app/ios/remove", load: () => import("@/app/api/admin/app/ios/remove/route") },
  { path: "/admin/app/android/update", load: () => import("@/app/api/admin/app/android/update/route") },
  { path: "/admin/app/android/remove", load: () => import("@/app/api/admin/app/android/remove/route") },
  { path: "/admin/app/huawei/update", load: () => import("@/app/api/admin/app/huawei/update/route") },
  { path: "/admin/app/huawei/remove", load: () => import("@/app/api/admin/app/huawei/remove/route") },
  // Operation templates: our own admin route (README.md; the documents never show how templates are managed)
  { path: "/admin/templates", load: () => import("@/app/api/admin/templates/route") },
  { path: "/admin/templates/{name}", load: () => import("@/app/api/admin/templates/[name]/route") },
  // Registrations (cloud-multi-device-api.txt, "Services for Registrations")
  { path: "/v2/registrations", load: () => import("@/app/api/v2/registrations/route") },
  { path: "/v2/registrations/{registrationId}", load: () => import("@/app/api/v2/registrations/[registrationId]/route") },
  { path: "/v2/registrations/{registrationId}/commit", load: () => import("@/app/api/v2/registrations/[registrationId]/commit/route") },
  { path: "/v2/registrations/{registrationId}/flags", load: () => import("@/app/api/v2/registrations/[registrationId]/flags/route") },
  { path: "/v2/registrations/{registrationId}/flags/remove", load: () => import("@/app/api/v2/registrations/[registrationId]/flags/remove/route") },
  // Signature and token verification, audit log (cloud-multi-device-api.txt, "Authentication Services", "Auditing Services")
  { path: "/v2/signature/verify", load: () => import("@/app/api/v2/signature/verify/route") },
  { path: "/v2/token/verify", load: () => import("@/app/api/v2/token/verify/route") },
  { path: "/audit/log", load: () => import("@/app/api/audit/log/route") },
  // Push messages (cloud-multi-device-api.txt "Send Push Message"; communication-services.txt)
  { path: "/v2/messages/send", load: () => import("@/app/api/v2/messages/send/route") },
  // Mobile Standard RESTful API (powerauth-protocol.md §6, §7, §9, §12)
  { path: "/pa/v3/status", load: () => import("@/app/api/pa/v3/status/route") },
  { path: "/pa/v3/keystore/create", load: () => import("@/app/api/pa/v3/keystore/create/route") },
  { path: "/pa/v3/activation/create", load: () => import("@/app/api/pa/v3/activation/create/route") },
  { path: "/pa/v3/activation/status", load: () => import("@/app/api/pa/v3/activation/status/route") },
  { path: "/pa/v3/activation/remove", load: () => import("@/app/api/pa/v3/activation/remove/route") },
  { path: "/pa/v3/token/create", load: () => import("@/app/api/pa/v3/token/create/route") },
  { path: "/pa/v3/token/remove", load: () => import("@/app/api/pa/v3/token/remove/route") },
  { path: "/pa/v3/signature/validate", load: () => import("@/app/api/pa/v3/signature/validate/route") },
  { path: "/pa/v3/vault/unlock", load: () => import("@/app/api/pa/v3/vault/unlock/route") },
  // Push Server (push-server-api.txt)
  { path: "/push/service/status", load: () => import("@/app/api/push/service/status/route") },
  { path: "/push/device/create", load: () => import("@/app/api/push/device/create/route") },
  { path: "/push/device/create/multi", load: () => import("@/app/api/push/device/create/multi/route") },
  { path: "/push/device/remove", load: () => import("@/app/api/push/device/remove/route") },
  { path: "/push/device/status/update", load: () => import("@/app/api/push/device/status/update/route") },
  { path: "/push/message/send", load: () => import("@/app/api/push/message/send/route") },
  { path: "/push/message/batch/send", load: () => import("@/app/api/push/message/batch/send/route") },
  // Mobile push registration (powerauth-protocol.md §14); documented with /api, so kept
  { path: "/api/push/device/register", load: () => import("@/app/api/push/device/register/route") },
  { path: "/api/push/device/register/token", load: () => import("@/app/api/push/device/register/token/route") },
  // Operations (cloud-multi-device-api.txt, "Services for Operations", "Internal Services")
  { path: "/v2/operations", load: () => import("@/app/api/v2/operations/route") },
  { path: "/v2/operations/{operationId}", load: () => import("@/app/api/v2/operations/[operationId]/route") },
  { path: "/v2/operations/{operationId}/offline/qr", load: () => import("@/app/api/v2/operations/[operationId]/offline/qr/route") },
  { path: "/v2/operations/{operationId}/offline/otp", load: () => import("@/app/api/v2/operations/[operationId]/offline/otp/route") },
  { path: "/internal/callback/operation", load: () => import("@/app/api/internal/callback/operation/route") },
  // Mobile Token operations API (powerauth-protocol.md §14); documented with /api, so kept
  { path: "/api/auth/token/app/operation/list", load: () => import("@/app/api/auth/token/app/operation/list/route") },
  { path: "/api/auth/token/app/operation/detail", load: () => import("@/app/api/auth/token/app/operation/detail/route") },
  { path: "/api/auth/token/app/operation/detail/claim", load: () => import("@/app/api/auth/token/app/operation/detail/claim/route") },
  { path: "/api/auth/token/app/operation/history", load: () => import("@/app/api/auth/token/app/operation/history/route") },
  { path: "/api/auth/token/app/operation/authorize", load: () => import("@/app/api/auth/token/app/operation/authorize/route") },
  { path: "/api/auth/token/app/operation/cancel", load: () => import("@/app/api/auth/token/app/operation/cancel/route") },
  // Scheduler
  { path: "/api/worker", load: () => import("@/app/api/worker/route") },
];
