/**
 * Parses `Authorization: Basic base64(user:password)`; anything else is no credentials. Control
 * characters (a NUL cannot even be stored in PostgreSQL text) and over-long values mean no
 * credentials too, so they end as the documented 401, never as a database error.
 */
const MAX_PART = 256;

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function parseBasicAuth(header: string | undefined | null): { username: string; password: string } | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (username.length > MAX_PART || password.length > MAX_PART || hasControlCharacter(username) || hasControlCharacter(password)) return null;
  return { username, password };
}
