import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { STAFF_VIEW } from "./staff-view";

export async function listStaff({ actor }: { actor: Actor }) {
  assertCan(actor, "staff.read");
  return db.staffUser.findMany({ select: STAFF_VIEW, orderBy: { email: "asc" } });
}
