"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useFlash } from "@/components/console/flash-provider";
import { useCan } from "@/components/console/use-me";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeValue } from "@/components/ui/code-value";
import { Loading } from "@/components/ui/loading";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";

import { ZonedTime } from "./zoned-time";

export function IntegrityPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const canVerify = useCan("audit.verify");
  const latest = useQuery(trpc.audit.latestVerification.queryOptions());
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onSuccess: async (result) => {
        showFlash(result.message, { tone: result.ok ? "success" : "error" });
        await queryClient.invalidateQueries(trpc.audit.latestVerification.pathFilter());
      },
      onError: (error) => showFlash(errorMessage(error), { tone: "error" }),
    }),
  );

  const row = latest.data;
  return (
    <Section
      title="Integrity"
      description={
        <>
          Verification recomputes every entry&apos;s keyed hash and link, and checks that the heads earlier verifications recorded are still
          there, so removed newest entries show too. Keep the head somewhere outside this server as well:{" "}
          <code className="font-mono">npm run cli -- audit verify --expect-head ID:HASH</code> checks against it.
        </>
      }
      actions={
        canVerify ? (
          <Button variant="primary" size="sm" pending={verify.isPending} pendingText="Verifying…" onClick={() => verify.mutate()}>
            Verify chain now
          </Button>
        ) : null
      }
    >
      {latest.isLoading ? (
        <Loading label="Loading the latest verification…" className="py-1" />
      ) : latest.error ? (
        <Notice tone="error">{errorMessage(latest.error)}</Notice>
      ) : !row ? (
        <p className="text-sm text-slate-500">The chain has not been verified yet.</p>
      ) : (
        <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]" data-testid="latest-verification">
          <dt className="text-xs font-medium text-slate-600">Last verified</dt>
          <dd>
            <ZonedTime value={row.verifiedAt} /> <span className="text-xs text-slate-600">by {row.trigger}</span>
          </dd>
          <dt className="text-xs font-medium text-slate-600">Result</dt>
          <dd>{row.ok ? <Badge tone="green">OK</Badge> : <Badge tone="red">Broken</Badge>}</dd>
          <dt className="text-xs font-medium text-slate-600">Entries</dt>
          <dd className="tabular-nums">{row.entries}</dd>
          <dt className="text-xs font-medium text-slate-600">Message</dt>
          <dd>{row.message}</dd>
          <dt className="text-xs font-medium text-slate-600">Head</dt>
          <dd className="min-w-0">
            {row.headId && row.headHash ? <CodeValue value={`${row.headId}:${row.headHash}`} label="head (entry and hash)" truncate={false} /> : "—"}
          </dd>
        </dl>
      )}
    </Section>
  );
}
