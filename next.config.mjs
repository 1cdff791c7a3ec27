// @ts-check
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

/**
 * Next.js serves the console, sign-in, tRPC and static files. The documented REST paths and the
 * security headers are handled by the server wrapper (src/bin/serve.ts) before Next sees a
 * request, so there are no rewrites or header rules here to match on every request.
 * @type {import("next").NextConfig}
 */
const nextConfig = {
  poweredByHeader: false,
  // Compressing is the load balancer's job; HTTP_COMPRESSION=true turns it on here.
  compress: process.env.HTTP_COMPRESSION === "true",
  // Types are checked by `npm run typecheck` (CI runs it); `npm start` should not fail on a test's typing.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Inlined at build time: the service status reports the version and when this build was made.
  env: {
    APP_VERSION: pkg.version,
    BUILD_TIME: new Date().toISOString(),
  },
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "@node-rs/argon2"],
};

export default nextConfig;
