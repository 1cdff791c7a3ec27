/**
 * Console sign-in. After LOGIN_SLOWDOWN_AFTER consecutive failures each attempt waits longer
 * (1 s, 2 s, 4 s, at most 8 s); after LOGIN_LOCK_AFTER the account is locked for
 * LOGIN_LOCK_MINUTES. The failure counter is incremented atomically, so parallel guesses cannot
 * slip past the lock. Unknown e-mails cost the same argon2 verification as known ones.
 */
import { getEnv } from "@/env";
import { db } from "@/server/db";
import { hashPassword, verifyPassword } from "@/server/security/password";

import { systemActor } from "../access/actor";
import { recordAuditEvent } from "../audit/record-audit-event";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: string; sessionVersion: number; mustChangePassword: boolean } }
  | { ok: false; reason: "invalid" | "locked" };

let dummyHash: Promise<string> | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function slowdownDelayMs(failures: number, slowdownAfter: number): number {
  if (failures < slowdownAfter) return 0;
  return Math.min(1000 * 2 ** (failures - slowdownAfter), 8000);
}

export async function signInStaff({ email, password }: { email: string; password: string }): Promise<SignInResult> {
  const env = getEnv();
  const user = await db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.disabledAt) {
    dummyHash ??= hashPassword("timing-equaliser-not-a-password");
    await verifyPassword(await dummyHash, password);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) return { ok: false, reason: "locked" };

  await sleep(slowdownDelayMs(user.failedLoginCount, env.LOGIN_SLOWDOWN_AFTER));

  if (!(await verifyPassword(user.passwordHash, password))) {
    const { failedLoginCount } = await db.staffUser.update({
      where: { id: user.id },
      data: { failedLoginCount: { increment: 1 } },
      select: { failedLoginCount: true },
    });
    if (failedLoginCount >= env.LOGIN_LOCK_AFTER) {
      const lockedUntil = new Date(Date.now() + env.LOGIN_LOCK_MINUTES * 60_000);
      await db.$transaction(async (tx) => {
        await tx.staffUser.update({ where: { id: user.id }, data: { lockedUntil, failedLoginCount: 0 } });
        await recordAuditEvent(tx, {
          actor: systemActor("sign-in"),
          action: "staff.lock",
          targetType: "staff",
          targetId: user.id,
          after: { email: user.email, lockedUntil, reason: `${failedLoginCount} failed sign-in attempts` },
        });
      });
      return { ok: false, reason: "locked" };
    }
    return { ok: false, reason: "invalid" };
  }

  await db.$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() },
    });
    await recordAuditEvent(tx, {
      actor: { type: "STAFF", id: user.id, label: user.email, role: user.role },
      action: "staff.sign-in",
      targetType: "staff",
      targetId: user.id,
    });
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
      mustChangePassword: user.mustChangePassword,
    },
  };
}
