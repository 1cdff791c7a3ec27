"use client";

import { signOut } from "next-auth/react";

/** Why the console sent someone to the login page; the login page turns it into a message. */
export type SignOutReason = "idle" | "password-changed" | "expired";

let signingOut = false;

/**
 * Once we sign out on purpose, queries still in flight fail as UNAUTHORIZED; the session watcher
 * asks this so it does not replace the intended message with "session ended".
 */
export function isSigningOut(): boolean {
  return signingOut;
}

/**
 * Ends every session of the signed-in member (the server bumps their session version) and goes
 * to the login page on the address the browser used. next-auth's own redirect would use the
 * absolute NEXTAUTH_URL, which sends someone who opened the console as 127.0.0.1 or by an
 * internal host name to "localhost"; a relative path keeps the origin.
 */
export async function signOutTo(reason?: SignOutReason): Promise<void> {
  signingOut = true;
  try {
    await signOut({ redirect: false });
  } finally {
    // A full load, so no page of the console stays in memory after the session ended.
    window.location.assign(reason ? `/login?reason=${reason}` : "/login");
  }
}
