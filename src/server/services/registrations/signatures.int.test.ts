/**
 * The signature check through a real activation (the simulator's headers, the server's stored
 * keys and counter): valid, wrong, the look-ahead window, failure counting (not for possession),
 * blocking at the maximum with its history row, reset on UNBLOCK, and the concurrency rules the
 * row lock gives.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import { makeActiveRegistration, testActor } from "@/server/testing/factories";

import { changeRegistrationStatus } from "./change-registration-status";
import { verifyOnlineSignature } from "./verify-online-signature";

type Device = Awaited<ReturnType<typeof makeActiveRegistration>>["device"];
type Factors = "possession" | "possession_knowledge" | "possession_biometry" | "possession_knowledge_biometry";

const URI_ID = "/pa/signature/validate";

function sign(device: Device, factors: Factors, body = '{"amount":"100.00"}') {
  return { header: device.signHeaders({ method: "POST", uriId: URI_ID, body, factors })["X-PowerAuth-Authorization"]!, body };
}

function verify(signed: { header: string; body: string }, body = signed.body) {
  return verifyOnlineSignature({ authHeader: signed.header, method: "POST", uriId: URI_ID, body: Buffer.from(body), applicationId: null });
}

const rowOf = (id: string) => db.registration.findUniqueOrThrow({ where: { id }, select: { status: true, counter: true, failedAttempts: true, blockedReason: true } });

describe("signature verification through a real activation", () => {
  it("accepts a valid signature once, advancing the counter, and records the event", async () => {
    const { device, registrationId } = await makeActiveRegistration({ version: "3.3" });
    const signed = sign(device, "possession_knowledge");
    expect(await verify(signed)).toMatchObject({ valid: true, note: "signature_ok", registration: { id: registrationId, status: "ACTIVE" } });
    expect(await rowOf(registrationId)).toMatchObject({ counter: 1n, failedAttempts: 0 });
    // The same signature again: the counter has moved on.
    expect(await verify(signed)).toMatchObject({ valid: false, note: "signature_does_not_match" });
    const events = await db.signatureEvent.findMany({ where: { registrationId }, orderBy: { id: "asc" }, select: { valid: true, note: true, signatureType: true } });
    expect(events).toEqual([
      { valid: true, note: "signature_ok", signatureType: "possession_knowledge" },
      { valid: false, note: "signature_does_not_match", signatureType: "possession_knowledge" },
    ]);
  });

  it("verifies decimal 3.0 signatures as well", async () => {
    const { device } = await makeActiveRegistration({ version: "3.0" });
    const signed = sign(device, "possession_knowledge_biometry");
    expect(signed.header).toMatch(/pa_signature="\d{8}-\d{8}-\d{8}"/);
    expect((await verify(signed)).valid).toBe(true);
  });

  it("accepts a device ahead of the server within the look-ahead window, not beyond it", async () => {
    const { device, registrationId } = await makeActiveRegistration();
    // 19 signatures that never reach the server: the 20th is the last one the window covers.
    for (let i = 0; i < 19; i++) sign(device, "possession");
    expect((await verify(sign(device, "possession"))).valid).toBe(true);
    expect((await rowOf(registrationId)).counter).toBe(20n);
    for (let i = 0; i < 20; i++) sign(device, "possession");
    expect((await verify(sign(device, "possession"))).valid).toBe(false);
    expect((await rowOf(registrationId)).counter).toBe(20n);
  });

  it("counts failures of knowledge and biometry signatures but not of possession, and blocks at the maximum", async () => {
    const { device, registrationId } = await makeActiveRegistration();
    expect((await verify(sign(device, "possession"), "tampered")).valid).toBe(false);
    expect((await rowOf(registrationId)).failedAttempts).toBe(0);
    for (let failures = 1; failures <= 4; failures++) {
      const outcome = await verify(sign(device, failures % 2 ? "possession_knowledge" : "possession_biometry"), "tampered");
      expect(outcome).toMatchObject({ valid: false, remainingAttempts: 5 - failures });
      expect((await rowOf(registrationId)).failedAttempts).toBe(failures);
    }
    const fifth = await verify(sign(device, "possession_knowledge"), "tampered");
    expect(fifth).toMatchObject({ valid: false, remainingAttempts: 0, registration: { status: "BLOCKED" } });
    expect(await rowOf(registrationId)).toMatchObject({ status: "BLOCKED", blockedReason: "MAX_FAILED_ATTEMPTS", failedAttempts: 5 });
    const last = await db.registrationHistory.findFirstOrThrow({ where: { registrationId }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ fromStatus: "ACTIVE", toStatus: "BLOCKED", reason: "MAX_FAILED_ATTEMPTS", actorType: "DEVICE" });
    // Blocked: even a right signature is refused, and not counted.
    expect(await verify(sign(device, "possession_knowledge"))).toMatchObject({ valid: false, note: "activation_invalid_state" });
    expect((await rowOf(registrationId)).failedAttempts).toBe(5);

    await changeRegistrationStatus({ actor: testActor, registrationId, change: "UNBLOCK" });
    expect(await rowOf(registrationId)).toMatchObject({ status: "ACTIVE", failedAttempts: 0, blockedReason: null });
    // The device went ahead of the server with every signature it made; still within the window.
    expect((await verify(sign(device, "possession_knowledge"))).valid).toBe(true);
  });

  it("resets failures on a valid knowledge signature, not on a valid possession one", async () => {
    const { device, registrationId } = await makeActiveRegistration();
    await verify(sign(device, "possession_knowledge"), "tampered");
    expect((await verify(sign(device, "possession"))).valid).toBe(true);
    expect((await rowOf(registrationId)).failedAttempts).toBe(1);
    expect((await verify(sign(device, "possession_knowledge"))).valid).toBe(true);
    expect((await rowOf(registrationId)).failedAttempts).toBe(0);
  });

  it("accepts the same valid signature sent 50 times at once exactly once", async () => {
    const { device, registrationId } = await makeActiveRegistration();
    const signed = sign(device, "possession");
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => verify(signed)));
    expect(outcomes.filter((outcome) => outcome.valid)).toHaveLength(1);
    expect((await rowOf(registrationId)).counter).toBe(1n);
    expect(await db.signatureEvent.count({ where: { registrationId } })).toBe(50);
  });

  it("lets two different valid signatures that arrive together both advance the counter, one after the other", async () => {
    const { device, registrationId } = await makeActiveRegistration();
    const first = sign(device, "possession_knowledge");
    const second = sign(device, "possession_knowledge");
    // Hold the registration's row, so both requests are in flight at once, queued on its lock in
    // the order they arrive; then let them go.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM registration WHERE id = $1::uuid FOR UPDATE", [registrationId]);
      const waiting = async (count: number) => {
        for (let i = 0; i < 200; i++) {
          // Statistics views are a snapshot for the whole transaction unless cleared.
          await holder.query("SELECT pg_stat_clear_snapshot()");
          const { rows } = await holder.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF r%'",
          );
          if (Number(rows[0]!.n) >= count) return;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error(`${count} verifications never waited on the lock`);
      };
      const firstOutcome = verify(first);
      await waiting(1);
      const secondOutcome = verify(second);
      await waiting(2);
      await holder.query("COMMIT");
      expect((await firstOutcome).valid).toBe(true);
      expect((await secondOutcome).valid).toBe(true);
    } finally {
      await holder.end();
    }
    expect((await rowOf(registrationId)).counter).toBe(2n);
  });
});
