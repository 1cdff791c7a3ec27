import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import type { OperationDetail } from "@/components/operations/operation-types";
import { getStaffSession } from "@/server/auth/get-staff-session";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

import { OperationDetailView } from "./_components/operation-detail-view";

type Params = Promise<{ id: string }>;

const createCaller = createCallerFactory(appRouter);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Operation ${(await params).id.slice(0, 8)}` };
}

/**
 * Rendered on the server first, so the page arrives filled in and an unknown or malformed ID gets
 * the console's 404 page (the documents' ERROR_OPERATION_NOT_FOUND is a 400, hence BAD_REQUEST).
 */
export default async function OperationPage({ params }: { params: Params }) {
  const { id } = await params;
  const actor = await getStaffSession();
  if (!actor) redirect(`/login?callbackUrl=/console/operations/${encodeURIComponent(id)}`);
  let initial: OperationDetail | undefined;
  try {
    initial = await createCaller({ actor }).operations.get({ operationId: id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) notFound();
    // A member who must change the password first, or a passing failure: the client shows it.
    initial = undefined;
  }
  return <OperationDetailView id={id} initial={initial} />;
}
