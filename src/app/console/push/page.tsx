import type { Metadata } from "next";

import { PushOverview } from "./_components/push-overview";

export const metadata: Metadata = { title: "Push" };

export default function PushPage() {
  return <PushOverview />;
}
