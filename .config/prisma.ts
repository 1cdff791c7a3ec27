// Prisma CLI configuration (Prisma 6 finds it here as `.config/prisma.ts`; paths are relative to
// this folder). The CLI runs without native engines: the WASM schema engine talks to the
// database through the pg driver adapter (see "Pinned versions and why" in the README).
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

// The 6.19 CLI tries to download an engine when the URL is missing, so give it a harmless
// default; every command that touches a database is called with a real DATABASE_URL.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "../prisma/schema.prisma",
  migrations: { path: "../prisma/migrations" },
  async adapter() {
    // allowExitOnIdle: idle pool connections must not keep the CLI process alive after its work.
    return new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 2, allowExitOnIdle: true, idleTimeoutMillis: 500 });
  },
} satisfies PrismaConfig;
