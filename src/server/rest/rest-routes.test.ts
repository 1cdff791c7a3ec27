import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "@/server/runtime/project-root";

import { REST_ROUTES } from "./rest-routes";
import { createRestRouter } from "./rest-router";

const API_DIR = path.join(PROJECT_ROOT, "src/app/api");
/** Route files Next.js serves itself (not REST): staff sign-in and the console's tRPC. */
const NEXT_ONLY = new Set(["auth/[...nextauth]", "trpc/[trpc]"]);

function routeFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return routeFiles(path.join(dir, entry.name), prefix ? `${prefix}/${entry.name}` : entry.name);
    return entry.name === "route.ts" ? [prefix] : [];
  });
}

/** The registry's path → import pairs, read from its source (a bundler rewrites the import strings). */
function registered(): { path: string; folder: string }[] {
  const source = fs.readFileSync(path.join(PROJECT_ROOT, "src/server/rest/rest-routes.ts"), "utf8");
  return [...source.matchAll(/\{ path: "([^"]+)", load: \(\) => import\("@\/app\/api\/(.+)\/route"\) \}/g)].map((m) => ({ path: m[1]!, folder: m[2]! }));
}

describe("REST route registry", () => {
  it("lists every REST route file exactly once, under the path its folders spell", () => {
    const files = routeFiles(API_DIR).filter((folder) => !NEXT_ONLY.has(folder)).sort();
    const entries = registered();
    expect(entries).toHaveLength(REST_ROUTES.length);
    expect(entries.map((entry) => entry.folder).sort()).toEqual(files);
    for (const entry of entries) {
      const spelled = `/${entry.folder.replace(/\[(\w+)\]/g, "{$1}")}`;
      expect([spelled, `/api${spelled}`], entry.path).toContain(entry.path);
    }
    expect(new Set(REST_ROUTES.map((route) => route.path)).size).toBe(REST_ROUTES.length);
  });

  it("matches static paths before parameters, decodes segments, and refuses bad escapes", async () => {
    const router = await createRestRouter();
    expect(router.match("/admin/applications/detail")?.route.path).toBe("/admin/applications/detail");
    expect(router.match("/admin/applications/APP%2F1")).toMatchObject({ route: { path: "/admin/applications/{id}" }, params: { id: "APP/1" } });
    expect(router.match("/admin/applications/APP/config/")?.params).toEqual({ id: "APP" });
    expect(router.match("/push/service/statu%73")?.route.path).toBe("/push/service/status");
    expect(router.match("/admin/nothing")).toBeNull();
    for (const bad of ["/admin/applications/%zz", "/admin/applications/%", "/admin/applications/%ff%fe", "/admin/applications/%c0%af", "/admin/applications/a%00b"]) {
      expect(() => router.match(bad), bad).toThrow(expect.objectContaining({ code: "ERROR_REQUEST" }));
    }
  });

  it("owns the documented prefixes and the listed /api paths, and nothing of the console", async () => {
    const router = await createRestRouter();
    for (const owned of ["/admin", "/v2/registrations", "/pa/v3/status", "/api/v2/x", "/api/worker"]) expect(router.owns(owned), owned).toBe(true);
    for (const notOwned of ["/console", "/login", "/api/trpc/x", "/api/auth/session", "/administrator", "/_next/static/x.js"]) expect(router.owns(notOwned), notOwned).toBe(false);
  });
});
