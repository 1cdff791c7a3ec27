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
