import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/console/not-built-yet";

export const metadata: Metadata = { title: "Registrations" };

export default function RegistrationsPage() {
  return (
    <NotBuiltYet
      area="Registrations"
      purpose="Bind people's phones to their bank accounts through QR-code activation, and block, unblock or remove a registration when a phone is lost or misused."
    />
  );
}
