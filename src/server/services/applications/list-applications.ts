/**
 * Every application id, for the documented list (`GET /admin/applications`).
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export async function listApplicationIds({ actor }: { actor: Actor }): Promise<{ id: string }[]> {
  assertCan(actor, "applications.read");
  return db.application.findMany({ select: { id: true }, orderBy: { id: "asc" } });
}
