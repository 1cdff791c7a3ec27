import type { Metadata } from "next";

import { TemplateEditor } from "../_components/template-editor";

export const metadata: Metadata = { title: "Operation template" };

type SearchParams = Promise<{ name?: string | string[] }>;

/** `/console/templates/edit?name=NAME` edits a template; without a name it creates one (no name is reserved). */
export default async function TemplateEditPage({ searchParams }: { searchParams: SearchParams }) {
  const { name } = await searchParams;
  const templateName = typeof name === "string" && name ? name : null;
  return <TemplateEditor key={templateName ?? ""} name={templateName} />;
}
