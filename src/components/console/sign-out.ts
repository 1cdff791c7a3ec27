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

export async function signOutTo(reason?: SignOutReason): Promise<void> {
  signingOut = true;
  await signOut({ callbackUrl: reason ? `/login?reason=${reason}` : "/login" });
}
