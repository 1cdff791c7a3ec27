"use client";

const FORMATS = {
  datetime: new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" }),
  date: new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }),
  short: new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" }),
  // Minutes only, for narrow table columns; the title keeps the exact time.
  compact: new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" }),
};

/** A time in the reader's locale, with the exact ISO value on hover and in the markup. */
export function Timestamp({
  value,
  empty = "—",
  format = "datetime",
}: {
  value: Date | string | null | undefined;
  empty?: string;
  /** "date", "short" or "compact" where space is tight; the title still has the exact time. */
  format?: keyof typeof FORMATS;
}) {
  if (!value) return <span className="text-slate-600">{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {FORMATS[format].format(date)}
    </time>
  );
}
