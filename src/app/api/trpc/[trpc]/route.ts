// tRPC endpoint of the staff console (not a documented API).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getEnv } from "@/env";
import { withNoStore } from "@/server/http/no-store";
import { isSameSite } from "@/server/http/same-site";
import { createTrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

async function handler(request: Request): Promise<Response> {
  const env = getEnv();
  if (!isSameSite(request, { trustedHops: env.TRUST_PROXY, publicUrl: env.publicUrl })) {
    return withNoStore(new Response("Cross-origin request refused", { status: 403 }));
  }
  return withNoStore(await fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: createTrpcContext }));
}

export { handler as GET, handler as POST };
