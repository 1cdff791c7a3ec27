/**
 * Contracts for applications, versions, roles and configuration (REST, tRPC and forms).
 */
import { z } from "./zod";

import { requiredArray, requiredString } from "./common";

export const APPLICATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const ZApplicationId = requiredString(100).regex(APPLICATION_ID_PATTERN, {
  error: "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit",
});

export const ZRoleName = requiredString(100).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
  error: "must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
});

export const ZVersionName = requiredString(50).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
  error: "must be letters, digits, '.', '_' or '-', starting with a letter or digit",
});

export const ZCreateApplicationRequest = z.object({
  id: ZApplicationId,
  roles: requiredArray(ZRoleName, { max: 100 }).optional().default([]),
});

/** `POST /admin/applications/roles` and `DELETE /admin/applications/roles`. */
export const ZApplicationRolesRequest = z.object({
  id: ZApplicationId,
  roles: requiredArray(ZRoleName, { min: 1, max: 100 }),
});

/** `POST /admin/applications/{id}/roles/remove`. */
export const ZRolesRequest = z.object({
  roles: requiredArray(ZRoleName, { min: 1, max: 100 }),
});

export const ZApplicationDetailQuery = z.object({
  id: ZApplicationId,
  version: ZVersionName.optional(),
});

export const ZApplicationPathParams = z.object({ id: ZApplicationId });

export const ZVersionQuery = z.object({ version: ZVersionName.optional() });

/** Values are checked per key by the service (unknown keys and bad values are ERROR_ADMIN). */
export const ZApplicationConfigRequest = z.object({
  key: requiredString(100),
  values: requiredArray(z.unknown(), { max: 1000 }).optional(),
});

export const ZApplicationConfigKeyRequest = z.object({ key: requiredString(100) });

/** The PowerAuth protocol versions the product serves (powerauth-protocol.md §1). */
export const PROTOCOL_VERSIONS = ["3.0", "3.1", "3.2", "3.3"] as const;

/**
 * An application's protocol settings (powerauth-protocol.md §16 gives the reference server's
 * defaults: 5 minutes, 5 attempts, look-ahead 20, every version). The bounds keep each setting
 * meaningful: the look-ahead travels in one byte of the status blob (§9), and an activation that
 * must finish within seconds, or that may wait for weeks, is a mistake rather than a policy.
 */
export const PROTOCOL_SETTINGS_BOUNDS = {
  activationValiditySeconds: { min: 60, max: 7 * 24 * 3600 },
  maxFailedAttempts: { min: 1, max: 100 },
  signatureLookAhead: { min: 1, max: 100 },
} as const;

const bounded = (key: keyof typeof PROTOCOL_SETTINGS_BOUNDS) =>
  z
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(PROTOCOL_SETTINGS_BOUNDS[key].min, { error: `must be at least ${PROTOCOL_SETTINGS_BOUNDS[key].min}` })
    .max(PROTOCOL_SETTINGS_BOUNDS[key].max, { error: `must be at most ${PROTOCOL_SETTINGS_BOUNDS[key].max}` });

export const ZProtocolSettings = z.object({
  activationValiditySeconds: bounded("activationValiditySeconds"),
  maxFailedAttempts: bounded("maxFailedAttempts"),
  signatureLookAhead: bounded("signatureLookAhead"),
  allowedProtocolVersions: z
    .array(z.enum(PROTOCOL_VERSIONS, { error: `must be one of ${PROTOCOL_VERSIONS.join(", ")}` }))
    .min(1, { error: "must allow at least one version" })
    .transform((versions) => PROTOCOL_VERSIONS.filter((version) => versions.includes(version))),
});
export type ProtocolSettings = z.output<typeof ZProtocolSettings>;
