import type { Metadata } from "next";

import { TemplatesView } from "./_components/templates-view";

export const metadata: Metadata = { title: "Operation templates" };

export default function TemplatesPage() {
  return <TemplatesView />;
}
