import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/console/not-built-yet";

export const metadata: Metadata = { title: "Callbacks" };

export default function CallbacksPage() {
  return (
    <NotBuiltYet
      area="Callbacks"
      purpose="Webhooks that tell the bank's backends when registrations and operations change, with a delivery log of every attempt."
    />
  );
}
