import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type CredentialRow = Outputs["credentials"]["list"]["items"][number];
export type CreatedCredential = Outputs["credentials"]["create"];
export type RotatedCredential = Outputs["credentials"]["rotate"];
