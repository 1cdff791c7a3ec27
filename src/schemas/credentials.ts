import { z } from "./zod";

import { ZApplicationId } from "./applications";
import { pageInput, requiredString } from "./common";

export const CREDENTIAL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;

/** The name is the HTTP Basic user name, so it is restricted to characters that survive Basic auth. */
export const ZCredentialName = requiredString(64).regex(CREDENTIAL_NAME_PATTERN, {
  error: "must be 3 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit",
});

export const ZCreateCredential = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("APPLICATION"), name: ZCredentialName, applicationId: ZApplicationId }),
  z.object({ scope: z.literal("ADMIN"), name: ZCredentialName }),
]);

export const CREDENTIAL_SORTS = ["createdAt", "lastUsedAt", "username"] as const;
export type CredentialSort = (typeof CREDENTIAL_SORTS)[number];

export const CREDENTIAL_STATUSES = ["active", "revoked", "all"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/**
 * The console's credential list: paged, searched by user name, filtered, sorted. The filters come
 * from the URL, so they are loose: a search or an application ID that cannot match anything
 * simply finds nothing.
 */
export const ZCredentialListQuery = pageInput.extend({
  search: z.string().trim().max(200).optional(),
  applicationId: z.string().trim().max(200).optional(),
  scope: z.enum(["ADMIN", "APPLICATION"]).optional(),
  status: z.enum(CREDENTIAL_STATUSES).default("all"),
  sort: z.enum(CREDENTIAL_SORTS).default("createdAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
});

/**
 * The grace periods the console offers, in seconds. Any whole number of seconds up to a week is
 * accepted (0: the old secret stops at once), so scripts and tests are not bound to the menu.
 */
export const ROTATION_GRACE_CHOICES = [
  { seconds: 0, label: "None: the old password stops working now" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 604_800, label: "7 days" },
] as const;

export const MAX_ROTATION_GRACE_SECONDS = 604_800;

export const ZRotateCredential = z.object({
  id: z.uuid({ error: "must be a credential id" }),
  graceSeconds: z
    .number({ error: "must be a number of seconds" })
    .int({ error: "must be a whole number of seconds" })
    .min(0, { error: "must not be negative" })
    .max(MAX_ROTATION_GRACE_SECONDS, { error: "must be at most 7 days" }),
});
