import type { RouterOutputs } from "@/components/trpc/router-types";

export type CredentialRow = RouterOutputs["credentials"]["list"]["items"][number];
export type CreatedCredential = RouterOutputs["credentials"]["create"];
export type RotatedCredential = RouterOutputs["credentials"]["rotate"];
