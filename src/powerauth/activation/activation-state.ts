/**
 * Activation states (powerauth-protocol.md §4): CREATED → PENDING_COMMIT → ACTIVE ⇄ BLOCKED, any
 * state → REMOVED (terminal). The numbers are the byte values of the status blob (§9).
 */
export type ActivationState = "CREATED" | "PENDING_COMMIT" | "ACTIVE" | "BLOCKED" | "REMOVED";

export const ACTIVATION_STATE_CODE: Readonly<Record<ActivationState, number>> = {
  CREATED: 1,
  PENDING_COMMIT: 2,
  ACTIVE: 3,
  BLOCKED: 4,
  REMOVED: 5,
};

/** The state for a status-blob byte, or `undefined` for an unknown value. */
export function activationStateFromCode(code: number): ActivationState | undefined {
  return (Object.keys(ACTIVATION_STATE_CODE) as ActivationState[]).find((state) => ACTIVATION_STATE_CODE[state] === code);
}
