"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "@/components/trpc/trpc-client";
import { buttonClasses } from "@/components/ui/button-classes";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";

const FACTORS: Record<string, string> = { possession: "1FA", possession_knowledge: "PIN", possession_biometry: "biometry" };

/** Every operation template (a bank has tens): what each makes, how it is approved, how long it lives. */
export function TemplatesView() {
  const trpc = useTRPC();
  const templates = useQuery(trpc.templates.list.queryOptions());
  const canWrite = templates.data?.canWrite ?? false;
  return (
    <>
      <PageHeader
        title="Operation templates"
        description="What an operation of each kind signs (its data template), how the customer may approve it, how long it waits, and what the phone shows in each language. Bank backends name a template when they create an operation."
        actions={
          canWrite ? (
            <Link href="/console/templates/edit" className={buttonClasses("primary")}>
              New template
            </Link>
          ) : null
        }
      />
      <Table caption="Operation templates">
        <THead>
          <Tr>
            <Th>Name</Th>
            <Th>Data template</Th>
            <Th>Approve with</Th>
            <Th>Expires after</Th>
            <Th>Max failures</Th>
            <Th>Languages</Th>
            <Th>Updated</Th>
          </Tr>
        </THead>
        <TBody>
          <TableRows
            colSpan={7}
            query={templates}
            items={templates.data?.items}
            what="templates"
            empty={canWrite ? "No templates yet. Create one with “New template”, or import a file with npm run cli -- templates import FILE.json." : "No templates yet. An administrator creates them."}
          >
            {(template) => (
              <Tr key={template.name}>
                <Td>
                  <Link href={`/console/templates/edit?name=${encodeURIComponent(template.name)}`} className="font-mono text-xs text-blue-700 hover:underline">
                    {template.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-600">{template.operationType}</div>
                </Td>
                <Td className="max-w-[16rem] truncate font-mono text-xs" title={template.dataTemplate}>
                  {template.dataTemplate}
                </Td>
                <Td className="text-xs">
                  {template.signatureTypes.map((type) => FACTORS[type] ?? type).join(", ")}
                  {template.proximityCheck ? <div className="text-slate-600">proximity check</div> : null}
                </Td>
                <Td className="text-xs tabular-nums">{template.expirationSeconds} s</Td>
                <Td className="text-xs tabular-nums">{template.maxFailureCount}</Td>
                <Td className="font-mono text-xs">{Object.keys(template.texts).join(", ")}</Td>
                <Td className="text-xs whitespace-nowrap">
                  <Timestamp value={new Date(template.timestampLastUpdated)} />
                </Td>
              </Tr>
            )}
          </TableRows>
        </TBody>
      </Table>
    </>
  );
}
