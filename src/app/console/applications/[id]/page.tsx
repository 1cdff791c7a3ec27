import type { Metadata } from "next";

import { ApplicationDetailView } from "./_components/application-detail-view";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Application ${(await params).id}` };
}

export default async function ApplicationPage({ params }: { params: Params }) {
  const { id } = await params;
  return <ApplicationDetailView id={id} />;
}
