/**
 * The maintenance jobs of registrations: unfinished registrations past their expiry become
 * REMOVED in bounded batches with their history rows (directly and through the queue), and
 * expired temporary keys and replay records are purged. Expiry is arranged by moving the rows'
 * expiry into the past: the services read the real clock.
 */
import { afterAll, describe, expect, it } from "vitest";

import { expireRegistrationsJob } from "@/server/jobs/definitions/expire-registrations";
import { purgeExpiredProtocolDataJob } from "@/server/jobs/definitions/purge-expired-protocol-data";
import { drainQueues, getBoss, stopJobs } from "@/server/jobs/queue";
import { db } from "@/server/db";
import { makeActiveRegistration, makeDevice, makeRegistration } from "@/server/testing/factories";

import { expireRegistrations } from "./expire-registrations";
import { purgeExpiredProtocolData } from "./purge-expired-protocol-data";

const expire = (id: string, ago = "1 second") => db.$executeRaw`UPDATE registration SET expires_at = now() - ${ago}::interval WHERE id = ${id}::uuid`;
const statusOf = async (id: string) => (await db.registration.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

afterAll(async () => {
  await stopJobs(5000);
});

describe("registration expiry", () => {
  it("removes expired CREATED and PENDING_COMMIT registrations, with history, in bounded batches", async () => {
    const created = await makeRegistration();
    const pending = await makeActiveRegistration({ commit: false });
    const another = await makeRegistration();
    const fresh = await makeRegistration();
    const active = await makeActiveRegistration();
    for (const id of [created.registrationId, pending.registrationId, another.registrationId, active.registrationId]) await expire(id, "1 day");

    // "As of" twelve hours ago: only these qualify, whatever else other tests left expiring.
    const asOf = new Date(Date.now() - 12 * 3600_000);
    expect(await expireRegistrations({ batchSize: 2, maxBatches: 1, now: asOf })).toEqual({ expired: 2, batches: 1 });
    expect(await expireRegistrations({ batchSize: 2, now: asOf })).toEqual({ expired: 1, batches: 1 });
    expect(await expireRegistrations({ now: asOf })).toEqual({ expired: 0, batches: 1 });

    for (const id of [created.registrationId, pending.registrationId, another.registrationId]) {
      expect(await statusOf(id)).toBe("REMOVED");
      const last = await db.registrationHistory.findFirstOrThrow({ where: { registrationId: id }, orderBy: { id: "desc" } });
      expect(last).toMatchObject({ toStatus: "REMOVED", reason: "EXPIRED", actorType: "SYSTEM", actorLabel: "expiry" });
    }
    expect(await statusOf(pending.registrationId)).toBe("REMOVED");
    // Not expired yet, and finished ones: untouched (an ACTIVE registration's expiry means nothing).
    expect(await statusOf(fresh.registrationId)).toBe("CREATED");
    expect(await statusOf(active.registrationId)).toBe("ACTIVE");
  });

  it("runs as a queued job, the way the scheduler and the worker route run it", async () => {
    const created = await makeRegistration();
    await expire(created.registrationId);
    const boss = await getBoss();
    expect(await boss.send(expireRegistrationsJob.name, {})).toBeTruthy();
    const result = await drainQueues(20);
    expect(result.byQueue[expireRegistrationsJob.name]).toBeGreaterThanOrEqual(1);
    expect(result.failed).toBe(0);
    expect(await statusOf(created.registrationId)).toBe("REMOVED");
  });
});

describe("purging expired protocol data", () => {
  it("deletes expired temporary keys and replay records and keeps the others", async () => {
    const { app } = await makeRegistration();
    const device = makeDevice(app.mobileSdkConfig);
    const old = await device.temporaryKey("application");
    device.forgetTemporaryKeys();
    const current = await device.temporaryKey("application");
    await db.$executeRaw`UPDATE temporary_key SET expires_at = now() - interval '1 second' WHERE id = ${old.keyId}::uuid`;
    await db.$executeRaw`INSERT INTO replay_record (key, expires_at) VALUES ('test:old', now() - interval '1 second'), ('test:current', now() + interval '1 hour')`;

    const boss = await getBoss();
    expect(await boss.send(purgeExpiredProtocolDataJob.name, {})).toBeTruthy();
    expect((await drainQueues(20)).failed).toBe(0);

    expect(await db.temporaryKey.findUnique({ where: { id: old.keyId } })).toBeNull();
    expect(await db.temporaryKey.findUnique({ where: { id: current.keyId } })).not.toBeNull();
    expect(await db.replayRecord.findUnique({ where: { key: "test:old" } })).toBeNull();
    expect(await db.replayRecord.findUnique({ where: { key: "test:current" } })).not.toBeNull();
  });

  it("purges in bounded batches", async () => {
    // Records that expired a day ago, purged "as of" twelve hours ago: nothing else qualifies.
    await db.$executeRaw`INSERT INTO replay_record (key, expires_at) SELECT 'batch:' || g, now() - interval '1 day' FROM generate_series(1, 5) g`;
    const asOf = new Date(Date.now() - 12 * 3600_000);
    expect(await purgeExpiredProtocolData({ batchSize: 2, maxBatches: 2, now: asOf })).toEqual({ temporaryKeys: 0, replayRecords: 4 });
    expect(await db.replayRecord.count({ where: { key: { startsWith: "batch:" } } })).toBe(1);
    expect(await purgeExpiredProtocolData({ batchSize: 2, now: asOf })).toEqual({ temporaryKeys: 0, replayRecords: 1 });
    expect(await db.replayRecord.count({ where: { key: { startsWith: "batch:" } } })).toBe(0);
  });
});
