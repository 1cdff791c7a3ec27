// @ts-check
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

/** The documented REST prefixes; each is served by src/app/api/<prefix>/** (ARCHITECTURE.md). */
const API_PREFIXES = ["admin", "v2", "push", "inbox", "audit", "internal", "pa"];

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked by `npm run typecheck` (CI runs it); `npm start` should not fail on a test's typing.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Inlined at build time: the service status reports the version and when this build was made.
  env: {
    APP_VERSION: pkg.version,
    BUILD_TIME: new Date().toISOString(),
  },
  serverExternalPackages: [
    "pg",
    "pg-boss",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
  ],
  async rewrites() {
    return {
      beforeFiles: API_PREFIXES.map((prefix) => ({ source: `/${prefix}/:path*`, destination: `/api/${prefix}/:path*` })),
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
