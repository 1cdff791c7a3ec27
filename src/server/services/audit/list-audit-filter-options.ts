/**
 * The values the audit log's dropdowns offer: the actions and target types that occur in the log.
 * Read from the log itself (an index skip scan, one probe per distinct value) rather than from a
 * list in the code: every call site of recordAuditEvent names its action as a string, some in
 * areas still being built, and actions of earlier versions stay in the log for years; the log is
 * the one list that cannot drift from what can actually be found.
 */
import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { listDistinctAuditValues } from "./audit-query";

export async function listAuditFilterOptions({ actor }: { actor: Actor }) {
  assertCan(actor, "audit.read");
  const [actions, targetTypes] = await Promise.all([listDistinctAuditValues("action"), listDistinctAuditValues("target_type")]);
  return { actions, targetTypes };
}
