/**
 * The audit log's state lives in the address (filters and the keyset cursor), so Back, reloads and
 * shared links show the same entries. The address holds what the server understands (ISO
 * instants, exact values); the form shows times in the reader's zone.
 */
import { ZAuditCursor, ZAuditFilter } from "@/schemas/audit";

export const FILTER_KEYS = ["action", "actor", "targetType", "targetId", "applicationId", "from", "to"] as const;
export type AuditFilterKey = (typeof FILTER_KEYS)[number];

export type AuditFilterValues = Partial<Record<AuditFilterKey, string>>;

export interface AuditUrlState {
  filter: AuditFilterValues;
  before?: string;
  after?: string;
}

/** Reads the address; values the server would refuse are left out and named, not sent. */
export function readUrlState(params: URLSearchParams): { state: AuditUrlState; ignored: string[] } {
  const ignored: string[] = [];
  const filter: AuditFilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (ZAuditFilter.shape[key].safeParse(value).success) filter[key] = value;
    else ignored.push(key);
  }
  const cursor = (key: "before" | "after") => {
    const value = params.get(key);
    if (!value) return undefined;
    if (ZAuditCursor.safeParse(value).success) return value;
    ignored.push(key);
    return undefined;
  };
  const before = cursor("before");
  const after = before ? undefined : cursor("after");
  return { state: { filter, before, after }, ignored };
}

export function toSearch(state: AuditUrlState): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state.filter[key];
    if (value) params.set(key, value);
  }
  if (state.before) params.set("before", state.before);
  else if (state.after) params.set("after", state.after);
  return params.toString();
}

export function isFiltered(filter: AuditFilterValues): boolean {
  return FILTER_KEYS.some((key) => Boolean(filter[key]));
}

const pad = (value: number) => String(value).padStart(2, "0");

/** An ISO instant as the value of a datetime-local input, in the reader's zone (to the minute). */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (reader's zone) as an ISO instant; "to" includes the whole minute. */
export function localInputToIso(value: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}:${end ? "59.999" : "00.000"}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
