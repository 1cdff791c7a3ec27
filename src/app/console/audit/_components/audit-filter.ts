/** The filter as typed in the form (dates as yyyy-mm-dd from the date inputs). */
export interface AuditFilterForm {
  action: string;
  actor: string;
  targetType: string;
  targetId: string;
  applicationId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilterForm = { action: "", actor: "", targetType: "", targetId: "", applicationId: "", from: "", to: "" };

/** Dates are whole days in the reader's time zone: "to" includes the whole of its day. */
export function toQuery(filter: AuditFilterForm) {
  const text = (value: string) => value.trim() || undefined;
  const day = (value: string, end: boolean) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    const date = new Date(`${value}T${end ? "23:59:59.999" : "00:00:00"}`);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };
  return {
    action: text(filter.action),
    actor: text(filter.actor),
    targetType: text(filter.targetType),
    targetId: text(filter.targetId),
    applicationId: text(filter.applicationId),
    from: day(filter.from, false),
    to: day(filter.to, true),
  };
}
