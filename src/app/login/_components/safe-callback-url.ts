/**
 * Where to go after signing in. Only a path inside the console is accepted: anything else (an
 * absolute URL, "//host", "/\host", which browsers treat as another site) could turn the login
 * page into an open redirect.
 */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value) return "/console";
  const isConsolePath = /^\/console(?:[/?#]|$)/.test(value);
  const isPlain = /^[\x21-\x7e]+$/.test(value) && !value.includes("\\") && !value.includes("//");
  return isConsolePath && isPlain ? value : "/console";
}
