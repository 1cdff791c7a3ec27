import { fileURLToPath } from "node:url";

/** The repository root, for scripts run by tsx (launcher, CLI, tests), whatever the cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
