// tRPC endpoint of the staff console (not a documented API).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getEnv } from "@/env";
import { createTrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

/**
 * Defence in depth against cross-site requests (the session cookie is SameSite=Lax already): a
 * browser's Origin must be the host it sent the request to (Host, or X-Forwarded-Host behind a
 * proxy) or PUBLIC_URL. Requests without an Origin (same-origin GETs, non-browser clients) pass.
 */
function isSameSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || request.method === "GET") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const requestHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host");
  return originHost === requestHost || origin === new URL(getEnv().publicUrl).origin;
}

async function handler(request: Request): Promise<Response> {
  if (!isSameSite(request)) return new Response("Cross-origin request refused", { status: 403 });
  return fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: createTrpcContext });
}

export { handler as GET, handler as POST };
