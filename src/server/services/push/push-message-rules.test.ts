import { describe, expect, it } from "vitest";

import { assertSendable, fromCloudMessage, fromPushServerMessage, MAX_BODY_BYTES } from "./push-message-rules";

const message = (body: Parameters<typeof fromPushServerMessage>[0]["body"], attributes = {}) => fromPushServerMessage({ userId: "u1", attributes, body });

describe("push message rules", () => {
  it("maps the Push Server message: HIGH unless NORMAL, not silent and not personal unless asked, activation id lower-cased", () => {
    expect(fromPushServerMessage({ userId: "u1", activationId: "49414E31-F3DF-4CEA-87E6-F214CA3B8412", body: { title: "x" } })).toEqual({
      userId: "u1",
      registrationId: "49414e31-f3df-4cea-87e6-f214ca3b8412",
      priority: "HIGH",
      silent: false,
      personal: false,
      body: { title: "x" },
    });
  });

  it("maps the Cloud message: personal, title and message into the body, sound default unless silent", () => {
    expect(fromCloudMessage({ userId: "u1", title: "T", message: "M" })).toMatchObject({ personal: true, silent: false, body: { title: "T", body: "M", sound: "default" } });
    expect(fromCloudMessage({ userId: "u1", silent: true, extras: { a: 1 } })).toMatchObject({ silent: true, body: { sound: null, extras: { a: 1 } } });
    expect(() => fromCloudMessage({ userId: "u1", title: " ", message: "M" })).toThrow("Title must not be blank");
    expect(() => fromCloudMessage({ userId: "u1", title: "T" })).toThrow("Message must not be blank");
  });

  it("needs something to show unless silent", () => {
    expect(() => assertSendable(message({}))).toThrow(/needs a title, a body or their localisation keys/);
    expect(() => assertSendable(message({ bodyLocKey: "balance.update" }))).not.toThrow();
    expect(() => assertSendable(message({}, { silent: true }))).not.toThrow();
  });

  it("refuses a validUntil in the past and a body larger than the providers take", () => {
    const now = Date.parse("2026-12-03T12:00:00Z");
    expect(() => assertSendable(message({ title: "x", validUntil: "2026-12-03T11:59:59Z" }), now)).toThrow(/in the past/);
    expect(() => assertSendable(message({ title: "x", validUntil: "2026-12-03T12:00:01Z" }), now)).not.toThrow();
    expect(() => assertSendable(message({ title: "x", extras: { blob: "a".repeat(MAX_BODY_BYTES) } }))).toThrow(/push providers take at most 4096/);
  });
});
