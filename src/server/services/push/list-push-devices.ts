/**
 * An application's push devices, newest first, one keyset page at a time (by id, as the indexes
 * `push_device(application_id, id)` and `(application_id, user_id, id)` order them), optionally of
 * one user: the console's per-application and per-user lists. Tokens are shown shortened.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export const MAX_DEVICE_PAGE = 200;

/** Enough of the token to tell devices apart in a table; the whole token stays on the server. */
export const shortToken = (token: string) => (token.length <= 12 ? token : `${token.slice(0, 6)}…${token.slice(-6)}`);

export async function listPushDevices({ actor, applicationId, userId, cursor, limit = 50 }: { actor: Actor; applicationId: string; userId?: string; cursor?: string; limit?: number }) {
  assertCan(actor, "push.read");
  if (cursor !== undefined && !/^\d{1,19}$/.test(cursor)) {
    throw new AppError("ERROR_REQUEST", "Invalid method parameter value", { violations: [{ fieldName: "cursor", hint: "is not a cursor this list returned" }] });
  }
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_DEVICE_PAGE);
  const rows = await db.pushDevice.findMany({
    where: { applicationId, ...(userId ? { userId } : {}), ...(cursor ? { id: { lt: BigInt(cursor) } } : {}) },
    orderBy: { id: "desc" },
    take: take + 1,
    select: { id: true, registrationId: true, userId: true, platform: true, environment: true, token: true, status: true, createdAt: true, updatedAt: true, lastSuccessAt: true, lastErrorAt: true, lastError: true },
  });
  const page = rows.slice(0, take);
  return {
    items: page.map(({ id, token, ...row }) => ({ ...row, id: id.toString(), token: shortToken(token) })),
    nextCursor: rows.length > take ? page.at(-1)!.id.toString() : null,
  };
}
