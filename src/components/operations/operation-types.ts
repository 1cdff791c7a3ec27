import type { RouterOutputs } from "@/components/trpc/router-types";

export type OperationRow = RouterOutputs["operations"]["list"]["items"][number];
export type OperationDetail = RouterOutputs["operations"]["get"];
export type TemplateRow = RouterOutputs["templates"]["list"]["items"][number];
export type TemplatePreview = RouterOutputs["templates"]["preview"];
