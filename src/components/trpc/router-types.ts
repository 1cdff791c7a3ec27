/**
 * What the console's procedures return and take, derived from the router: the one place UI code
 * gets server types from (`RouterOutputs["registrations"]["list"]`), type-only, so no server code
 * reaches the browser bundle.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/trpc/root";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
