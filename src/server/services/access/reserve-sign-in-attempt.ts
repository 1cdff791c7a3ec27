/**
 * The per-client-address sign-in throttle. Every attempt first takes a slot in its address's
 * window (LOGIN_ADDRESS_LIMIT per LOGIN_ADDRESS_WINDOW_MINUTES); a successful sign-in gives its
 * slot back, so the count is of failed and still-running attempts. Past the limit the address is
 * refused without a password check and without touching any account, so one address can neither
 * guess fast, nor guess in parallel, nor keep locking accounts (at most LIMIT / LOGIN_LOCK_AFTER
 * locks per window).
 *
 * The slot is taken by one INSERT … ON CONFLICT DO UPDATE, which PostgreSQL runs atomically per
 * row, so parallel requests each see a distinct count. The windows are fixed (they restart with
 * the first attempt after one has ended): simple, and at most twice the limit across a boundary.
 * State lives in the database only, so every app instance enforces the same budget.
 */
import { getEnv } from "@/env";
import { db, type DbTx } from "@/server/db";

import { recordAuditEvent } from "../audit/record-audit-event";
import { anonymousActor } from "./actor";

export interface AddressSlot {
  clientAddress: string;
  windowStart: Date;
  /** Attempts from this address in the window before this one (failed or still running). */
  priorAttempts: number;
  throttled: boolean;
}

export async function reserveSignInAttempt({
  clientAddress,
  email,
  now,
}: {
  clientAddress: string;
  email: string;
  now: Date;
}): Promise<AddressSlot> {
  const env = getEnv();
  const windowMs = env.LOGIN_ADDRESS_WINDOW_MINUTES * 60_000;
  const cutoff = new Date(now.getTime() - windowMs);

  const slot = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ attempts: number; windowStart: Date }[]>`
      INSERT INTO sign_in_throttle (client_address, window_start, attempts)
      VALUES (${clientAddress}, ${now}, 1)
      ON CONFLICT (client_address) DO UPDATE SET
        window_start = CASE WHEN sign_in_throttle.window_start <= ${cutoff} THEN EXCLUDED.window_start ELSE sign_in_throttle.window_start END,
        attempts = CASE WHEN sign_in_throttle.window_start <= ${cutoff} THEN 1 ELSE sign_in_throttle.attempts + 1 END
      RETURNING attempts, window_start AS "windowStart"`;
    const { attempts, windowStart } = row!;
    // Exactly one request sees the count cross the limit: it records the throttle once per window,
    // so a flood of refused attempts cannot flood the audit chain as well.
    if (attempts === env.LOGIN_ADDRESS_LIMIT + 1) {
      await recordAuditEvent(tx, {
        actor: anonymousActor(),
        action: "staff.sign-in-throttle",
        targetType: "client-address",
        targetId: clientAddress,
        after: {
          email,
          clientAddress,
          attempts: env.LOGIN_ADDRESS_LIMIT,
          windowMinutes: env.LOGIN_ADDRESS_WINDOW_MINUTES,
          refusedUntil: new Date(windowStart.getTime() + windowMs),
        },
      });
    }
    return { clientAddress, windowStart, priorAttempts: attempts - 1, throttled: attempts > env.LOGIN_ADDRESS_LIMIT };
  });

  // A window starting is rare (once per address and window): a good moment to drop ended ones.
  if (slot.windowStart.getTime() === now.getTime()) await purgeSignInThrottle({ now });
  return slot;
}


/** A successful sign-in is not a guess: it gives its slot back (only in the window it took it from). */
export async function releaseSignInAttempt(tx: DbTx, slot: AddressSlot): Promise<void> {
  await tx.$executeRaw`
    UPDATE sign_in_throttle SET attempts = GREATEST(attempts - 1, 0)
    WHERE client_address = ${slot.clientAddress} AND window_start = ${slot.windowStart}`;
}

/** Drops windows that have ended. Safe to run at any time, from any instance (e.g. a daily job). */
export async function purgeSignInThrottle({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - getEnv().LOGIN_ADDRESS_WINDOW_MINUTES * 60_000);
  return db.$executeRaw`DELETE FROM sign_in_throttle WHERE window_start <= ${cutoff}`;
}
