"use client";

import { useQuery } from "@tanstack/react-query";

import type { RouterOutputs } from "@/components/trpc/router-types";
import { useTRPC } from "@/components/trpc/trpc-client";
import type { Permission } from "@/server/services/access/permissions";

/** The signed-in staff member (seeded by the console shell, so it is there on first render). */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.account.me.queryOptions());
}

/**
 * Whether the signed-in member may do something. Only for hiding controls: the server checks
 * every call itself, so a stale answer here can at worst show a button that gets refused.
 */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data?.permissions.includes(permission) ?? false;
}

export type Me = RouterOutputs["account"]["me"];
