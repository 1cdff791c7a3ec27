import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = fileURLToPath(new URL("../src", import.meta.url));
const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": src } },
  test: {
    root,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["src/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["src/server/testing/db-global-setup.ts"],
          setupFiles: ["src/server/testing/db-setup.ts"],
          // One database per run; files run one after another (each test still makes its own data).
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
