// tRPC endpoint of the staff console (not a documented API).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getEnv } from "@/env";
import { createTrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

async function handler(request: Request): Promise<Response> {
  // Defence in depth against cross-site requests: the console only calls from its own origin.
  const origin = request.headers.get("origin");
  if (request.method !== "GET" && origin && origin !== new URL(getEnv().publicUrl).origin && origin !== new URL(request.url).origin) {
    return new Response("Cross-origin request refused", { status: 403 });
  }
  return fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: createTrpcContext });
}

export { handler as GET, handler as POST };
