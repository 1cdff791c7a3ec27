/** Sign-in error codes from the server (SIGN_IN_ERRORS in src/server/auth/auth-options.ts). */
const ERROR_MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: "E-mail or password is wrong.",
  ACCOUNT_LOCKED: "Too many failed attempts: this account is locked for a while. Try again later or ask an administrator.",
};

export function signInErrorMessage(code: string): string {
  return ERROR_MESSAGES[code] ?? "Signing in failed. Try again.";
}
