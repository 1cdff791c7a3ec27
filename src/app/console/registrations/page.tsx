import type { Metadata } from "next";

import { RegistrationsView } from "./_components/registrations-view";

export const metadata: Metadata = { title: "Registrations" };

export default function RegistrationsPage() {
  return <RegistrationsView />;
}
