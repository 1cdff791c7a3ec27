"use client";

/**
 * An audit time with its zone written out ("02/12/2026, 10:04:05 CET"): an auditor comparing
 * entries with other logs must not have to guess the zone. The exact UTC instant is in the title
 * and the markup.
 */
const FORMAT = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
});

export function ZonedTime({ value }: { value: Date | string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {FORMAT.format(date)}
    </time>
  );
}
