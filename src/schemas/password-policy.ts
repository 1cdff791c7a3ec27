/**
 * The one password policy for passwords people choose: staff passwords changed in the console,
 * and ADMIN_PASSWORD for the first administrator. The console form checks it first for a quick
 * answer on the right field; the server enforces it (tRPC input and the change-password service).
 */
import { z } from "./zod";

export const PASSWORD_POLICY = { minLength: 12, maxLength: 200, minDistinctCharacters: 5 } as const;

/** What is wrong with a chosen password, as a phrase after "The password …", or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_POLICY.minLength) return `must be at least ${PASSWORD_POLICY.minLength} characters long`;
  if (password.length > PASSWORD_POLICY.maxLength) return `must be at most ${PASSWORD_POLICY.maxLength} characters long`;
  if (new Set(password).size < PASSWORD_POLICY.minDistinctCharacters) {
    return `must use at least ${PASSWORD_POLICY.minDistinctCharacters} different characters`;
  }
  return null;
}

/** A chosen password, checked against the policy. */
export const ZChosenPassword = z.string().superRefine((value, context) => {
  const problem = passwordProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
});
