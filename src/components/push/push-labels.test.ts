import { describe, expect, it } from "vitest";

import { describeAudience, describeOrigin, describeOutcome, isPushMessageOpen, pushMessageHref } from "./push-labels";

const audience = { userId: null, registrationId: null, broadcast: false, testToken: null, testPlatform: null } as const;

describe("describeAudience", () => {
  it("names each audience the message log can hold", () => {
    expect(describeAudience({ ...audience, userId: "alice" })).toBe("User alice");
    expect(describeAudience({ ...audience, userId: "alice", registrationId: "0b7c8d9e-1111-2222-3333-444455556666" })).toBe("User alice · registration 0b7c8d9e…");
    expect(describeAudience({ ...audience, broadcast: true })).toBe("Every device");
    expect(describeAudience({ ...audience, testToken: "a1b2c3…7e8f90", testPlatform: "FCM" })).toBe("Test token a1b2c3…7e8f90 (FCM)");
  });
});

describe("isPushMessageOpen", () => {
  it("is open until fanned out and while any delivery is pending", () => {
    expect(isPushMessageOpen({ fannedOutAt: null, counts: { pending: 0 } })).toBe(true);
    expect(isPushMessageOpen({ fannedOutAt: new Date(), counts: { pending: 2 } })).toBe(true);
    expect(isPushMessageOpen({ fannedOutAt: new Date(), counts: { pending: 0 } })).toBe(false);
  });
});

describe("words for codes", () => {
  it("explains origins and outcomes, and passes unknown codes through", () => {
    expect(describeOrigin("push-server")).toBe("Push Server API");
    expect(describeOrigin("cloud")).toBe("Cloud API");
    expect(describeOrigin("something-new")).toBe("something-new");
    expect(describeOutcome(null)).toBe("No answer yet");
    expect(describeOutcome("TOKEN_INVALID")).toContain("retired");
    expect(describeOutcome("NEW_KIND")).toBe("NEW_KIND");
  });

  it("keeps the application in a message's address, escaped", () => {
    expect(pushMessageHref("my app", "0b7c8d9e-1111-2222-3333-444455556666")).toBe("/console/push/messages/0b7c8d9e-1111-2222-3333-444455556666?app=my%20app");
  });
});
