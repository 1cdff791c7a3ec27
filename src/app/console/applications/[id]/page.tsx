import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { getStaffSession } from "@/server/auth/get-staff-session";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

import { ApplicationDetailView } from "./_components/application-detail-view";
import type { ApplicationOverview } from "./_components/application-types";

type Params = Promise<{ id: string }>;

const createCaller = createCallerFactory(appRouter);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Application ${(await params).id}` };
}

/**
 * Renders the application on the server first: the page arrives filled in, and an unknown (or
 * malformed) ID gets the console's real 404 page instead of an error box.
 */
export default async function ApplicationPage({ params }: { params: Params }) {
  const { id } = await params;
  const actor = await getStaffSession();
  if (!actor) redirect("/login?callbackUrl=/console/applications");
  let initial: ApplicationOverview | undefined;
  try {
    initial = await createCaller({ actor }).applications.get({ id });
  } catch (error) {
    // BAD_REQUEST is how the documents' ERROR_ADMIN "Application not found" and a malformed ID arrive.
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) notFound();
    // Anything else (a member who must first change the password, a passing failure) is left to
    // the client, which shows the gate or the failure with a Retry.
    initial = undefined;
  }
  return <ApplicationDetailView id={id} initial={initial} />;
}
