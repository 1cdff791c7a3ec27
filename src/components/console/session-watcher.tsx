"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

import { isSigningOut } from "./sign-out";

function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";
}

/**
 * A session can end under an open page: a password reset or role change by an administrator,
 * sign-out in another tab, the absolute lifetime. The first UNAUTHORIZED answer sends the user to
 * the login page (and back here afterwards) instead of leaving a page of error messages.
 */
export function SessionWatcher() {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    const onError = (error: unknown) => {
      if (!isUnauthorized(error) || isSigningOut()) return;
      const back = encodeURIComponent(window.location.pathname + window.location.search);
      router.replace(`/login?reason=expired&callbackUrl=${back}`);
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") onError(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") onError(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, router]);
  return null;
}
