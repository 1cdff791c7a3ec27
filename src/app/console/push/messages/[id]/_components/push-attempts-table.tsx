import { describeOutcome } from "@/components/push/push-labels";
import type { PushDeliveryRow } from "@/components/push/push-types";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";

/** Every attempt of one delivery, oldest first (push_delivery_attempt; the service lists the first 20). */
export function PushAttemptsTable({ token, attempts, total }: { token: string; attempts: PushDeliveryRow["attempts"]; total: number }) {
  return (
    <>
      <Table caption={`Attempts of the delivery to ${token}`}>
        <THead>
          <Tr>
            <Th>Attempt</Th>
            <Th>Started</Th>
            <Th>Duration</Th>
            <Th>Outcome</Th>
            <Th>Provider status</Th>
            <Th>Reason</Th>
          </Tr>
        </THead>
        <TBody>
          {attempts.map((attempt) => (
            <Tr key={attempt.attempt}>
              <Td className="text-xs tabular-nums">{attempt.attempt}</Td>
              <Td className="text-xs">
                <Timestamp value={attempt.startedAt} format="short" />
              </Td>
              <Td className="text-xs tabular-nums">{attempt.durationMs} ms</Td>
              <Td className="text-xs">{describeOutcome(attempt.outcome)}</Td>
              <Td className="font-mono text-xs">{attempt.providerStatus ?? "no answer"}</Td>
              <Td className="text-xs break-words">{attempt.reason ?? "—"}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {total > attempts.length ? <p className="mt-1 text-xs text-slate-600">The first {attempts.length} of {total} attempts.</p> : null}
    </>
  );
}
