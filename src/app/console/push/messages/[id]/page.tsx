import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import type { PushMessageDetail } from "@/components/push/push-types";
import { getStaffSession } from "@/server/auth/get-staff-session";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

import { PushMessageDetailView } from "./_components/push-message-detail-view";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const createCaller = createCallerFactory(appRouter);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Push message ${(await params).id.slice(0, 8)}` };
}

/**
 * Rendered on the server first, so the page arrives filled in and an unknown message, a malformed
 * ID or a missing application gets the console's 404 page; the client view then follows a
 * message that is still being delivered.
 */
export default async function PushMessagePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const app = (await searchParams).app;
  if (typeof app !== "string" || app === "") notFound();
  const actor = await getStaffSession();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/console/push/messages/${id}?app=${app}`)}`);
  let initial: PushMessageDetail | undefined;
  try {
    initial = await createCaller({ actor }).push.message({ applicationId: app, messageId: id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) notFound();
    // A member who must change the password first, or a passing failure: the client shows it.
    initial = undefined;
  }
  return <PushMessageDetailView applicationId={app} id={id} initial={initial} />;
}
