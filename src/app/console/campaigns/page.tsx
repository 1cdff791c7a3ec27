import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/console/not-built-yet";

export const metadata: Metadata = { title: "Campaigns" };

export default function CampaignsPage() {
  return (
    <NotBuiltYet
      area="Campaigns"
      purpose="Send one push message to many users at once and follow the delivery progress while it runs."
    />
  );
}
