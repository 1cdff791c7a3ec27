/**
 * Finds the route of a REST path: static paths by one map lookup, parameterised ones by the most
 * specific pattern of the same length (so `/admin/applications/detail` wins over
 * `/admin/applications/{id}`). Path segments are percent-decoded here, once; a malformed escape
 * or a NUL in a segment is the documented ERROR_REQUEST, not a crash further down.
 */
import { AppError } from "@/server/errors";

import { REST_TABLE, type RestMethodTable } from "./rest-route";
import { REST_PREFIXES, REST_ROUTES, type RestRouteEntry, type RouteModule } from "./rest-routes";

interface CompiledRoute {
  path: string;
  /** A literal segment, or null for a parameter. */
  segments: (string | null)[];
  names: (string | null)[];
  statics: number;
  table: RestMethodTable;
}

export interface RestMatch {
  route: { path: string; table: RestMethodTable };
  params: Record<string, string>;
}

export interface RestRouter {
  /** Whether the REST API owns this path (a documented prefix, or one of the listed /api paths). */
  owns(path: string): boolean;
  /** The route and its decoded parameters; null when no route serves the path. */
  match(path: string): RestMatch | null;
}

function tableOf(module: RouteModule, path: string): RestMethodTable {
  for (const value of Object.values(module)) {
    const table = (value as { [REST_TABLE]?: RestMethodTable } | undefined)?.[REST_TABLE];
    if (table) return table;
  }
  throw new Error(`The route module of ${path} does not export restMethods(…)`);
}

export function decodeSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new AppError("ERROR_REQUEST", "The request path has a malformed percent-encoding");
  }
  if (decoded.includes("\0")) throw new AppError("ERROR_REQUEST", "The request path must not contain the NUL character");
  return decoded;
}

/** Splits "/a/b/" into ["a", "b"]: one trailing slash is forgiven. */
function split(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.split("/").slice(1);
}

export async function createRestRouter(entries: readonly RestRouteEntry[] = REST_ROUTES): Promise<RestRouter> {
  const exact = new Map<string, CompiledRoute>();
  const byLength = new Map<number, CompiledRoute[]>();
  const extraOwned = new Set<string>();
  for (const entry of entries) {
    const table = tableOf(await entry.load(), entry.path);
    const parts = split(entry.path);
    const segments = parts.map((part) => (/^\{\w+\}$/.test(part) ? null : part));
    const compiled: CompiledRoute = {
      path: entry.path,
      segments,
      names: parts.map((part) => (/^\{\w+\}$/.test(part) ? part.slice(1, -1) : null)),
      statics: segments.filter((segment) => segment !== null).length,
      table,
    };
    if (compiled.statics === segments.length) exact.set(entry.path, compiled);
    else byLength.set(segments.length, [...(byLength.get(segments.length) ?? []), compiled]);
    if (entry.path.startsWith("/api/")) extraOwned.add(entry.path);
  }
  for (const list of byLength.values()) list.sort((a, b) => b.statics - a.statics);

  const owned = [...REST_PREFIXES, ...REST_PREFIXES.map((prefix) => `/api${prefix}`)];
  return {
    owns(path) {
      if (extraOwned.has(path)) return true;
      return owned.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    },
    match(path) {
      const direct = exact.get(path) ?? (path.endsWith("/") ? exact.get(path.slice(0, -1)) : undefined);
      if (direct) return { route: direct, params: {} };
      const parts = split(path).map(decodeSegment);
      const decoded = exact.get(`/${parts.join("/")}`);
      if (decoded) return { route: decoded, params: {} };
      for (const route of byLength.get(parts.length) ?? []) {
        if (route.segments.every((segment, index) => segment === null || segment === parts[index])) {
          const params: Record<string, string> = {};
          route.names.forEach((name, index) => {
            if (name) params[name] = parts[index]!;
          });
          return { route, params };
        }
      }
      return null;
    },
  };
}
