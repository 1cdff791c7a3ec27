import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import type { RegistrationDetail } from "@/components/registrations/registration-types";
import { getStaffSession } from "@/server/auth/get-staff-session";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

import { RegistrationDetailView } from "./_components/registration-detail-view";

type Params = Promise<{ id: string }>;

const createCaller = createCallerFactory(appRouter);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Registration ${(await params).id.slice(0, 8)}` };
}

/**
 * Rendered on the server first, so the page arrives filled in and an unknown or malformed ID gets
 * the console's 404 page (the documents' ERROR_REGISTRATION_NOT_FOUND is a 400, hence BAD_REQUEST).
 */
export default async function RegistrationPage({ params }: { params: Params }) {
  const { id } = await params;
  const actor = await getStaffSession();
  if (!actor) redirect(`/login?callbackUrl=/console/registrations/${encodeURIComponent(id)}`);
  let initial: RegistrationDetail | undefined;
  try {
    initial = await createCaller({ actor }).registrations.get({ registrationId: id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) notFound();
    // A member who must change the password first, or a passing failure: the client shows it.
    initial = undefined;
  }
  return <RegistrationDetailView id={id} initial={initial} />;
}
