/**
 * The staff session cookie: next-auth's encrypted JWT, read here directly so every console request
 * decides from the token itself (session-lifetime.ts) and the database (getStaffActor). Only the
 * cookie is accepted: next-auth's own getToken would also take an `Authorization: Bearer` token.
 */
import { decode, type JWT } from "next-auth/jwt";

import { getEnv } from "@/env";

/** Sessions get `Secure` cookies (and next-auth's `__Secure-` prefix) when staff use HTTPS. */
export function usesSecureCookies(): boolean {
  return getEnv().publicUrl.startsWith("https://");
}

/** next-auth's name for the session cookie under that setting. */
export function sessionCookieName(): string {
  return `${usesSecureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** The session token from a request's cookies; next-auth splits one over 4 kB into `name.0`, `name.1`, … */
export function readSessionCookie(cookies: { name: string; value: string }[], name = sessionCookieName()): string | undefined {
  const whole = cookies.find((cookie) => cookie.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .map((cookie) => ({ index: /^\d+$/.test(cookie.name.slice(name.length + 1)) ? Number(cookie.name.slice(name.length + 1)) : -1, cookie }))
    .filter(({ index, cookie }) => index >= 0 && cookie.name.startsWith(`${name}.`))
    .sort((a, b) => a.index - b.index);
  return chunks.length ? chunks.map(({ cookie }) => cookie.value).join("") : undefined;
}

/** The token's claims, or null when it is missing, forged, or encrypted under another secret. */
export async function decodeSessionToken(value: string | undefined): Promise<JWT | null> {
  if (!value) return null;
  try {
    return await decode({ token: value, secret: getEnv().NEXTAUTH_SECRET });
  } catch {
    return null;
  }
}
