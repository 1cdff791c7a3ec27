/** A message's deliveries counted by state; zeros are quiet so the number that matters stands out. */
export function PushDeliveryCounts({ counts }: { counts: { sent: number; pending: number; failed: number } }) {
  const part = (n: number, word: string, tone: string) => <span className={n > 0 ? tone : "text-slate-500"}>{n} {word}</span>;
  return (
    <span className="text-xs whitespace-nowrap tabular-nums">
      {part(counts.sent, "sent", "text-emerald-800")} · {part(counts.pending, "pending", "text-amber-900")} · {part(counts.failed, "failed", "text-red-800")}
    </span>
  );
}
