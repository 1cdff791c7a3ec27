import type { Metadata } from "next";

import { SupportView } from "./_components/support-view";

export const metadata: Metadata = { title: "Customer support" };

export default function SupportPage() {
  return <SupportView />;
}
