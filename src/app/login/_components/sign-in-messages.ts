/**
 * What the sign-in page says when signing in fails. One sentence for every cause (wrong password,
 * unknown, disabled or locked account, too many attempts from this address): telling them apart
 * would tell an attacker which accounts exist and which are locked. A locked-out member learns the
 * rest from an administrator, who sees locks in the staff list and every refusal in the audit log.
 */
const SIGN_IN_FAILED = "INVALID_CREDENTIALS"; // SIGN_IN_FAILED in src/server/auth/auth-options.ts

export const SIGN_IN_FAILED_MESSAGE =
  "The e-mail or password is wrong, or sign-in is paused after too many failed attempts: try again later, or ask an administrator if it keeps failing.";

export function signInErrorMessage(code: string): string {
  // next-auth's own codes (e.g. CredentialsSignin, SessionRequired) end up here too.
  return code === SIGN_IN_FAILED || code === "CredentialsSignin" ? SIGN_IN_FAILED_MESSAGE : "Signing in failed. Try again.";
}
