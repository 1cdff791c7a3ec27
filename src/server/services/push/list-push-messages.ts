/**
 * The console's message log: an application's push messages, newest first, a keyset page at a
 * time (index push_message(application_id, created_at desc, id)), optionally of one user, each
 * with its delivery counts. Test pushes show their token shortened.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { shortToken } from "./list-push-devices";

const badCursor = () => new AppError("ERROR_REQUEST", "Invalid method parameter value", { violations: [{ fieldName: "cursor", hint: "is not a cursor this list returned" }] });

function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [time, id] = cursor.split("|");
  const createdAt = new Date(time ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id)) throw badCursor();
  return { createdAt, id };
}

export async function listPushMessages({ actor, applicationId, userId, cursor, limit = 25 }: { actor: Actor; applicationId: string; userId?: string; cursor?: string; limit?: number }) {
  assertCan(actor, "push.read");
  const after = cursor ? parseCursor(cursor) : null;
  const take = Math.min(Math.max(1, Math.trunc(limit)), 100);
  const rows = await db.pushMessage.findMany({
    where: {
      applicationId,
      ...(userId ? { userId } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, origin: true, sentBy: true, userId: true, registrationId: true, broadcast: true, testToken: true, testPlatform: true, priority: true, silent: true, personal: true, body: true, deviceCount: true, fannedOutAt: true, createdAt: true },
  });
  const page = rows.slice(0, take);
  const counts = await db.pushDelivery.groupBy({ by: ["messageId", "status"], where: { messageId: { in: page.map((row) => row.id) } }, _count: { _all: true } });
  const countsOf = (messageId: string) => {
    const result = { sent: 0, pending: 0, failed: 0 };
    for (const row of counts.filter((count) => count.messageId === messageId)) {
      if (row.status === "SENT") result.sent += row._count._all;
      else if (row.status === "FAILED") result.failed += row._count._all;
      else result.pending += row._count._all;
    }
    return result;
  };
  return {
    items: page.map(({ testToken, body, ...row }) => ({
      ...row,
      testToken: testToken ? shortToken(testToken) : null,
      title: (body as { title?: string | null }).title ?? (body as { titleLocKey?: string | null }).titleLocKey ?? null,
      counts: countsOf(row.id),
    })),
    nextCursor: rows.length > take ? `${page.at(-1)!.createdAt.toISOString()}|${page.at(-1)!.id}` : null,
  };
}
