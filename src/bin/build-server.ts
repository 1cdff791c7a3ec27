/**
 * Bundles the server process (src/bin/serve.ts with the REST routes, services and the generated
 * Prisma client) into one ES module, `.next/guardline/serve.mjs`, so production processes start
 * with plain `node`: no TypeScript loader in memory or on the start-up path. npm packages stay
 * external and load from node_modules. Written after `next build`, which replaces `.next`.
 */
import fs from "node:fs";
import path from "node:path";

import { build } from "esbuild";

import { PROJECT_ROOT } from "@/server/runtime/project-root";

export const SERVER_BUNDLE = path.join(PROJECT_ROOT, ".next", "guardline", "serve.mjs");

export async function buildServerBundle(): Promise<void> {
  await build({
    entryPoints: [path.join(PROJECT_ROOT, "src/bin/serve.ts")],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    sourcemap: "linked",
    logLevel: "warning",
    // What next.config.mjs inlines into the Next.js build, the same here (the service status reports it).
    define: {
      "process.env.APP_VERSION": JSON.stringify((JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version),
      "process.env.BUILD_TIME": JSON.stringify(new Date().toISOString()),
    },
    // Bundled CommonJS-style code may still call require(); give the module one.
    banner: { js: "import { createRequire as __guardlineRequire } from 'node:module'; const require = __guardlineRequire(import.meta.url);" },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServerBundle();
  console.log(`[guardline] Server bundle written to ${path.relative(PROJECT_ROOT, SERVER_BUNDLE)}`);
}
