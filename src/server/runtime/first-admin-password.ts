/**
 * Where the launcher leaves the generated first administrator password when its output is not a
 * terminal (a log must not hold it). The first successful sign-in of that administrator deletes it.
 */
import fs from "node:fs";
import path from "node:path";

export const firstAdminPasswordFile = (dataDir: string) => path.join(dataDir, "first-admin-password.txt");

/** Deletes the file when there is one; nothing to do on installs that never wrote it. */
export function forgetFirstAdminPassword(dataDir: string | undefined): void {
  if (!dataDir) return;
  fs.rmSync(firstAdminPasswordFile(dataDir), { force: true });
}
