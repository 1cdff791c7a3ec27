/**
 * The Mobile Token lists (powerauth-protocol.md §14): `list`, the device user's pending operations
 * (not past their expiry), and `history`, their operations in every state; newest first, at most
 * 500 (the reference's page size), rendered in the phone's language.
 */
import { db } from "@/server/db";

import { deviceOperationScope, templateTextsOf, type DeviceRegistration } from "./mobile-operation-access";
import { toMobileOperation, type MobileOperation } from "./mobile-operation-view";
import { OPERATION_SELECT } from "./operation-views";

const LIMIT = 500;

export async function listDeviceOperations({
  registration,
  acceptLanguage,
  which,
}: {
  registration: DeviceRegistration;
  acceptLanguage?: string | null;
  which: "pending" | "history";
}): Promise<MobileOperation[]> {
  const now = new Date();
  const rows = await db.operation.findMany({
    where: { ...deviceOperationScope(registration), ...(which === "pending" ? { status: "PENDING", expiresAt: { gt: now } } : {}) },
    select: OPERATION_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMIT,
  });
  const texts = await templateTextsOf(db, rows.map((row) => row.templateId));
  return rows.map((row) => toMobileOperation(row, texts.get(row.templateId) ?? {}, acceptLanguage, now));
}
