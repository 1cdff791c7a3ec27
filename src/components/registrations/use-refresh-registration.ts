"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { useTRPC } from "@/components/trpc/trpc-client";

/** After a change: the registration, its history, its virtual device, the lists and the timelines. */
export function useRefreshRegistration() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all(
        [trpc.registrations.get, trpc.registrations.history, trpc.registrations.virtualDevice, trpc.registrations.list, trpc.support.timeline].map((procedure) =>
          queryClient.invalidateQueries(procedure.pathFilter()),
        ),
      ),
    [trpc, queryClient],
  );
}
