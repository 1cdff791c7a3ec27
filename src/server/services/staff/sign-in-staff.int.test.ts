import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { resetEnvCache } from "@/env";
import { db } from "@/server/db";
import { firstAdminPasswordFile } from "@/server/runtime/first-admin-password";
import { makeStaff, testActor, uniqueId } from "@/server/testing/factories";

import { purgeSignInThrottle } from "../access/reserve-sign-in-attempt";
import { signInStaff } from "./sign-in-staff";
import { resetStaffPassword } from "./reset-staff-password";
import { setStaffDisabled } from "./set-staff-disabled";

/** A fresh client address (IPv6 documentation range, unique to this run) for each use. */
const runId = Math.floor(Math.random() * 0xffff).toString(16);
let addressCounter = 0;
const newAddress = () => `2001:db8:${runId}::${(++addressCounter).toString(16)}`;

const overridden = new Map<string, string | undefined>();
function setEnv(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!overridden.has(name)) overridden.set(name, process.env[name]);
    process.env[name] = value;
  }
  resetEnvCache();
}
afterEach(() => {
  for (const [name, value] of overridden) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  overridden.clear();
  resetEnvCache();
});

function failures(where: { email?: string; clientAddress?: string; reason?: string }) {
  return db.auditEvent.findMany({
    where: {
      action: "staff.sign-in-fail",
      AND: Object.entries(where).map(([key, value]) => ({ after: { path: [key], equals: value } })),
    },
    orderBy: { id: "asc" },
  });
}

const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000);

describe("staff sign-in", () => {
  it("signs in with the right password, resets the count, audits who and from where", async () => {
    const { user, temporaryPassword } = await makeStaff("OPERATOR");
    const clientAddress = newAddress();
    expect(await signInStaff({ email: user.email, password: "wrong-password-1", clientAddress })).toEqual({ ok: false });
    const result = await signInStaff({ email: ` ${user.email.toUpperCase()} `, password: temporaryPassword, clientAddress });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "OPERATOR", mustChangePassword: true } });

    const row = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect(row.lastLoginAt).toBeInstanceOf(Date);
    const signIn = await db.auditEvent.findFirstOrThrow({ where: { action: "staff.sign-in", targetId: user.id } });
    expect(signIn).toMatchObject({ actorType: "STAFF", actorLabel: user.email, after: { clientAddress } });
    // The success gave its throttle slot back: only the failure still counts against the address.
    expect(await db.signInThrottle.findUniqueOrThrow({ where: { clientAddress } })).toMatchObject({ attempts: 1 });
  });

  it("answers wrong passwords, unknown, disabled and locked accounts alike, and audits each with its reason", async () => {
    const { user, temporaryPassword } = await makeStaff("VIEWER");
    const disabled = await makeStaff("VIEWER");
    await setStaffDisabled({ actor: testActor, id: disabled.user.id, disabled: true });
    const clientAddress = newAddress();
    const unknownEmail = `${uniqueId("nobody")}@bank.test`;

    const answers = [
      await signInStaff({ email: user.email, password: "not-the-password", clientAddress }),
      await signInStaff({ email: unknownEmail, password: "whatever-password", clientAddress }),
      await signInStaff({ email: disabled.user.email, password: disabled.temporaryPassword, clientAddress }),
    ];
    await db.staffUser.update({ where: { id: user.id }, data: { lockedUntil: minutes(new Date(), 10) } });
    answers.push(await signInStaff({ email: user.email, password: temporaryPassword, clientAddress }));
    expect(answers).toEqual([{ ok: false }, { ok: false }, { ok: false }, { ok: false }]);

    const events = await failures({ clientAddress });
    expect(events.map((event) => [event.actorType, event.actorLabel, event.targetType, event.targetId, event.after])).toEqual([
      ["ANONYMOUS", "anonymous", "staff", user.id, { email: user.email, clientAddress, reason: "wrong-password" }],
      ["ANONYMOUS", "anonymous", "sign-in", unknownEmail, { email: unknownEmail, clientAddress, reason: "unknown-account" }],
      ["ANONYMOUS", "anonymous", "staff", disabled.user.id, { email: disabled.user.email, clientAddress, reason: "disabled" }],
      ["ANONYMOUS", "anonymous", "staff", user.id, { email: user.email, clientAddress, reason: "locked" }],
    ]);
    // The password tried is never recorded.
    const recorded = JSON.stringify(events.map((event) => [event.before, event.after]));
    expect(recorded).not.toContain(temporaryPassword);
    expect(recorded).not.toContain("not-the-password");
  });

  it("lets at most LOGIN_LOCK_AFTER of 20 parallel wrong guesses reach the password check, then locks", async () => {
    const { user, temporaryPassword } = await makeStaff("ADMINISTRATOR");
    // From 20 addresses, so the per-address throttle and slow-down stay out of the way.
    const guesses = Array.from({ length: 20 }, (_, i) => signInStaff({ email: user.email, password: `guess-${i}`, clientAddress: newAddress() }));
    expect(await Promise.all(guesses)).toEqual(Array.from({ length: 20 }, () => ({ ok: false })));

    expect(await failures({ email: user.email, reason: "wrong-password" })).toHaveLength(5);
    expect(await failures({ email: user.email, reason: "locked" })).toHaveLength(15);
    const locks = await db.auditEvent.findMany({ where: { action: "staff.lock", targetId: user.id } });
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actorType: "ANONYMOUS", after: { email: user.email, reason: "5 failed sign-in attempts" } });
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    // Locked: even the right password is refused, and that attempt is not a password check.
    expect(await signInStaff({ email: user.email, password: temporaryPassword, clientAddress: newAddress() })).toEqual({ ok: false });
    expect(await failures({ email: user.email, reason: "wrong-password" })).toHaveLength(5);

    // The lock ends by itself after LOGIN_LOCK_MINUTES: the rightful user is never locked out for good.
    const later = minutes(row.lockedUntil!, 1);
    expect(await signInStaff({ email: user.email, password: temporaryPassword, clientAddress: newAddress(), now: later })).toMatchObject({ ok: true });
  });

  it("counts a right password among parallel guesses without letting more guesses through", async () => {
    const { user, temporaryPassword } = await makeStaff("OPERATOR");
    const attempts = Array.from({ length: 12 }, (_, i) =>
      signInStaff({ email: user.email, password: i === 2 ? temporaryPassword : `guess-${i}`, clientAddress: newAddress() }),
    );
    const results = await Promise.all(attempts);
    // The right password resets the count, so at most LOGIN_LOCK_AFTER checks before it and as many after.
    const checked = (await failures({ email: user.email, reason: "wrong-password" })).length + results.filter((r) => r.ok).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(1);
  });

  it("an administrator's password reset lifts a lock", async () => {
    const { user } = await makeStaff("VIEWER");
    await db.staffUser.update({ where: { id: user.id }, data: { failedLoginCount: 5, lockedUntil: minutes(new Date(), 15) } });
    const { temporaryPassword } = await resetStaffPassword({ actor: testActor, id: user.id });
    expect(await signInStaff({ email: user.email, password: temporaryPassword, clientAddress: newAddress() })).toMatchObject({ ok: true });
  });

  it("slows down repeated attempts from one address, whichever e-mails are tried", async () => {
    const clientAddress = newAddress();
    for (let i = 0; i < 3; i++) await signInStaff({ email: `${uniqueId("x")}@bank.test`, password: "guess", clientAddress });
    const t0 = Date.now();
    await signInStaff({ email: `${uniqueId("y")}@bank.test`, password: "guess", clientAddress });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950); // the 4th attempt waited (1 s)

    // Another address is not slowed down.
    const t1 = Date.now();
    await signInStaff({ email: `${uniqueId("z")}@bank.test`, password: "guess", clientAddress: newAddress() });
    expect(Date.now() - t1).toBeLessThan(900);
  }, 20_000);
});

describe("per-address throttle", () => {
  it("stops one address rotating through e-mails in parallel, without counting against accounts", async () => {
    setEnv({ LOGIN_ADDRESS_LIMIT: "10", LOGIN_SLOWDOWN_AFTER: "100" });
    const clientAddress = newAddress();
    const victims = await Promise.all(Array.from({ length: 4 }, () => makeStaff("ADMINISTRATOR")));
    const emails = Array.from({ length: 20 }, (_, i) => (i < 4 ? victims[i]!.user.email : `${uniqueId("rotate")}@bank.test`));
    const results = await Promise.all(emails.map((email) => signInStaff({ email, password: "guess", clientAddress })));
    expect(results.every((r) => !r.ok)).toBe(true);

    // Ten reached the accounts; the other ten were refused at the address, audited once.
    expect(await failures({ clientAddress })).toHaveLength(10);
    const throttles = await db.auditEvent.findMany({ where: { action: "staff.sign-in-throttle", targetId: clientAddress } });
    expect(throttles).toHaveLength(1);
    expect(throttles[0]).toMatchObject({ actorType: "ANONYMOUS", actorLabel: "anonymous", targetType: "client-address", after: { clientAddress, attempts: 10 } });

    // Refused attempts never touched an account: no victim counted more than its one real check.
    const counts = await db.staffUser.findMany({ where: { id: { in: victims.map((v) => v.user.id) } }, select: { failedLoginCount: true } });
    expect(counts.reduce((sum, c) => sum + c.failedLoginCount, 0)).toBeLessThanOrEqual(4);

    // While throttled, not even the right password gets through from there …
    const victim = victims[0]!;
    expect(await signInStaff({ email: victim.user.email, password: victim.temporaryPassword, clientAddress })).toEqual({ ok: false });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: victim.user.id } })).lockedUntil).toBeNull();
    // … but from anywhere else it does, and the address may try again once its window has ended.
    expect(await signInStaff({ email: victim.user.email, password: victim.temporaryPassword, clientAddress: newAddress() })).toMatchObject({ ok: true });
    const later = minutes(new Date(), 16);
    expect(await signInStaff({ email: victims[1]!.user.email, password: victims[1]!.temporaryPassword, clientAddress, now: later })).toMatchObject({ ok: true });
  });

  it("limits how many accounts one address can lock per window", async () => {
    setEnv({ LOGIN_ADDRESS_LIMIT: "10", LOGIN_SLOWDOWN_AFTER: "100" });
    const clientAddress = newAddress();
    const admins = await Promise.all(Array.from({ length: 3 }, () => makeStaff("ADMINISTRATOR")));
    for (const admin of admins) {
      for (let i = 0; i < 5; i++) await signInStaff({ email: admin.user.email, password: `guess-${i}`, clientAddress });
    }
    const locked = await db.staffUser.count({ where: { id: { in: admins.map((a) => a.user.id) }, lockedUntil: { not: null } } });
    expect(locked).toBe(2); // 10 attempts per window, 5 per lock: the third administrator stays usable
    expect(await signInStaff({ email: admins[2]!.user.email, password: admins[2]!.temporaryPassword, clientAddress: newAddress() })).toMatchObject({ ok: true });
  });

  it("purges windows that have ended", async () => {
    const clientAddress = newAddress();
    await signInStaff({ email: `${uniqueId("p")}@bank.test`, password: "guess", clientAddress, now: minutes(new Date(), -60) });
    expect(await db.signInThrottle.count({ where: { clientAddress } })).toBe(1);
    expect(await purgeSignInThrottle()).toBeGreaterThanOrEqual(1);
    expect(await db.signInThrottle.count({ where: { clientAddress } })).toBe(0);
  });
});

describe("the first administrator's password file", () => {
  it("is deleted by the first successful sign-in, and not by a failed one", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-first-admin-"));
    setEnv({ DATA_DIR: dataDir });
    try {
      const file = firstAdminPasswordFile(dataDir);
      const { user, temporaryPassword } = await makeStaff("ADMINISTRATOR");
      fs.writeFileSync(file, "secret\n", { mode: 0o600 });
      expect(await signInStaff({ email: user.email, password: "not-it", clientAddress: newAddress() })).toEqual({ ok: false });
      expect(fs.existsSync(file)).toBe(true);
      expect(await signInStaff({ email: user.email, password: temporaryPassword, clientAddress: newAddress() })).toMatchObject({ ok: true });
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
