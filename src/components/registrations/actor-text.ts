/** Who made a change, in words (the history's actor types). */
export const ACTOR_TEXT: Record<string, string> = {
  STAFF: "staff",
  CREDENTIAL: "bank backend",
  CLI: "command line",
  SYSTEM: "system",
  DEVICE: "the phone",
  ANONYMOUS: "anonymous",
};
