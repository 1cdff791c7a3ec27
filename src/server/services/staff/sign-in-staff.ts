/**
 * Console sign-in, in three steps, none of which holds a lock while argon2 runs:
 * 1. the client address takes a slot in its throttle window (reserve-sign-in-attempt.ts); once
 *    past the limit it is refused outright, and its attempts no longer count against accounts;
 * 2. the account takes an attempt slot in one conditional UPDATE: it succeeds only while the
 *    account is enabled, not locked and has fewer than LOGIN_LOCK_AFTER failed or running attempts,
 *    so N parallel guesses reach at most LOGIN_LOCK_AFTER password checks. The slot that reaches
 *    the limit locks the account at once (for LOGIN_LOCK_MINUTES, so a crash cannot leave it open
 *    or stuck); a right password lifts that again, a wrong one records the lock;
 * 3. the password is verified, and the outcome and its audit entry are written together.
 * Every refusal looks the same to the caller ({ ok: false }) and costs one argon2 verification,
 * whether the account is unknown, disabled, locked or the password wrong. The slow-down after
 * LOGIN_SLOWDOWN_AFTER attempts counts the address's attempts, not the account's, so it too is the
 * same for every e-mail tried and does not tell which accounts exist.
 */
import { getEnv } from "@/env";
import type { StaffRole } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { forgetFirstAdminPassword } from "@/server/runtime/first-admin-password";
import { hashPassword, verifyPassword } from "@/server/security/password";

import { anonymousActor } from "../access/actor";
import { releaseSignInAttempt, reserveSignInAttempt } from "../access/reserve-sign-in-attempt";
import { recordAuditEvent } from "../audit/record-audit-event";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: StaffRole; sessionVersion: number; mustChangePassword: boolean } }
  | { ok: false };

type FailureReason = "wrong-password" | "unknown-account" | "disabled" | "locked";

interface ReservedAccount {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
  sessionVersion: number;
  mustChangePassword: boolean;
  attempts: number;
}

let dummyHash: Promise<string> | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function slowdownDelayMs(failures: number, slowdownAfter: number): number {
  if (failures < slowdownAfter) return 0;
  return Math.min(1000 * 2 ** (failures - slowdownAfter), 8000);
}

export async function signInStaff({
  email: typedEmail,
  password,
  clientAddress,
  now = new Date(),
}: {
  email: string;
  password: string;
  clientAddress: string;
  now?: Date;
}): Promise<SignInResult> {
  const env = getEnv();
  const email = typedEmail.trim().toLowerCase().slice(0, 254);

  const slot = await reserveSignInAttempt({ clientAddress, email, now });
  if (slot.throttled) {
    // Not audited one by one (the throttle itself was, once); argon2 is skipped to spare the CPU.
    logger.warn("sign-in refused: too many attempts from this address", { clientAddress });
    return { ok: false };
  }
  await sleep(slowdownDelayMs(slot.priorAttempts, env.LOGIN_SLOWDOWN_AFTER));

  const lockUntil = new Date(now.getTime() + env.LOGIN_LOCK_MINUTES * 60_000);
  // Restarts the count after an ended lock (and after a count left over from older settings);
  // reaching the limit sets the lock in the same statement, which is what refuses the next slot.
  const lockAfter = env.LOGIN_LOCK_AFTER;
  const [account] = await db.$queryRaw<ReservedAccount[]>`
    UPDATE staff_user SET
      failed_login_count = CASE WHEN locked_until IS NOT NULL OR failed_login_count >= ${lockAfter} THEN 1 ELSE failed_login_count + 1 END,
      locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL OR failed_login_count >= ${lockAfter} THEN 1 ELSE failed_login_count + 1 END) >= ${lockAfter}
        THEN ${lockUntil}::timestamptz ELSE NULL END
    WHERE email = ${email} AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= ${now}::timestamptz)
    RETURNING id, email, name, role::text AS role, password_hash AS "passwordHash", session_version AS "sessionVersion",
      must_change_password AS "mustChangePassword", failed_login_count AS attempts`;

  if (!account) {
    const known = await db.staffUser.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
    dummyHash ??= hashPassword("timing-equaliser-not-a-password");
    await verifyPassword(await dummyHash, password);
    const reason = !known ? "unknown-account" : known.disabledAt ? "disabled" : "locked";
    await recordFailure({ email, clientAddress, accountId: known?.id ?? null, reason });
    return { ok: false };
  }

  if (!(await verifyPassword(account.passwordHash, password))) {
    const lockAt = account.attempts >= lockAfter ? { lockUntil, attempts: account.attempts } : null;
    await recordFailure({ email, clientAddress, accountId: account.id, reason: "wrong-password", lockAt });
    return { ok: false };
  }

  await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: account.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    await releaseSignInAttempt(tx, slot);
    await recordAuditEvent(tx, {
      actor: { type: "STAFF", id: account.id, label: account.email, role: account.role },
      action: "staff.sign-in",
      targetType: "staff",
      targetId: account.id,
      after: { clientAddress },
    });
  });
  const { id, name, role, sessionVersion, mustChangePassword } = account;
  // The launcher may have left the first administrator's generated password in a file (its
  // output was a log, not a terminal); once someone has signed in it has served its purpose.
  forgetFirstAdminPassword(getEnv().DATA_DIR);
  return { ok: true, user: { id, email: account.email, name, role, sessionVersion, mustChangePassword } };
}

async function recordFailure({
  email,
  clientAddress,
  accountId,
  reason,
  lockAt = null,
}: {
  email: string;
  clientAddress: string;
  accountId: string | null;
  reason: FailureReason;
  lockAt?: { lockUntil: Date; attempts: number } | null;
}): Promise<void> {
  const actor = anonymousActor();
  // No account, no staff object to point at: such entries name the e-mail that was tried.
  const target = accountId ? { targetType: "staff", targetId: accountId } : { targetType: "sign-in", targetId: email };
  // Rows first, the audit chain's lock last, as in every other transaction here: taking them in
  // one order is what keeps parallel sign-ins from deadlocking each other.
  await db.$transaction(async (tx) => {
    // The last slot locked the account already; the lock is written again here, with its audit
    // entry, unless a right password or an administrator lifted it meanwhile.
    const locked =
      lockAt && accountId
        ? await tx.staffUser.updateMany({
            where: { id: accountId, failedLoginCount: { gte: lockAt.attempts }, lockedUntil: { not: null } },
            data: { lockedUntil: lockAt.lockUntil },
          })
        : { count: 0 };
    await recordAuditEvent(tx, { actor, action: "staff.sign-in-fail", ...target, after: { email, clientAddress, reason } });
    if (locked.count === 0 || !lockAt || !accountId) return;
    await recordAuditEvent(tx, {
      actor,
      action: "staff.lock",
      targetType: "staff",
      targetId: accountId,
      after: { email, clientAddress, lockedUntil: lockAt.lockUntil, reason: `${lockAt.attempts} failed sign-in attempts` },
    });
  });
}
