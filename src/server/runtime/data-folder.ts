import path from "node:path";

import { PROJECT_ROOT } from "./project-root";

/**
 * The data folder as an absolute path: DATA_DIR (relative paths from the repository root) or
 * `.data`. The launcher and the tools resolve it once and export it as DATA_DIR, so every process
 * they start (server workers, bundled code whose own location is elsewhere) reads the same path.
 */
export function resolveDataFolder(value: string | undefined = process.env.DATA_DIR): string {
  return path.resolve(PROJECT_ROOT, value || ".data");
}
