"use client";

/**
 * The console's tRPC client: TanStack Query with the tRPC options proxy. Pages use
 *   const trpc = useTRPC();
 *   const query = useQuery(trpc.applications.list.queryOptions({ page: 1, pageSize: 50 }));
 *   const mutation = useMutation(trpc.applications.create.mutationOptions());
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";

import type { AppRouter } from "@/server/trpc/root";

import { describeError } from "./describe-error";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) => {
          // Do not retry what cannot succeed (bad input, not allowed, signed out).
          if (error instanceof TRPCClientError && ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes((error.data as { code?: string } | undefined)?.code ?? "")) {
            return false;
          }
          return failures < 2;
        },
      },
    },
  });
}

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** A readable message for any error a query or mutation produced (see describe-error.ts). */
export function errorMessage(error: unknown): string {
  return describeError(error).message;
}
