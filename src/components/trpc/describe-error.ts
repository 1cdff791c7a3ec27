/**
 * Turns any error a query or mutation produced into plain language for the person at the screen:
 * field problems on the field they concern ("Role “bad!” must be letters, …" instead of
 * "roles.1: …"), a failed connection said as such, and internal errors without their internals.
 * Pure, so forms, tables and the unit tests share one set of rules.
 */

/** How a form names one of its inputs. `item` is the noun for one entry of an array input. */
export interface FieldSpec {
  label: string;
  item?: string;
}

export interface DescribeOptions {
  /** The form's inputs by the top-level key of the request. */
  fields?: Record<string, FieldSpec>;
  /** What was sent, to quote the offending entry of an array. */
  input?: unknown;
  /** Documented codes that, in this form, always concern one field (e.g. a taken name). */
  codeFields?: Record<string, string>;
}

export interface ErrorDescription {
  /** One sentence for the whole form or the failed load. */
  message: string;
  /** Field key → what is wrong with it. */
  fields: Record<string, string>;
  /** The server was not reached (or its answer was not the API's), so a retry may help. */
  network: boolean;
}

interface Issue {
  path: string;
  message: string;
}

interface ErrorShape {
  message?: unknown;
  data?: { code?: unknown; appCode?: unknown; zodIssues?: unknown; violations?: unknown } | null;
}

export const NETWORK_MESSAGE = "The server could not be reached. Check the network connection, then try again.";
const INTERNAL_MESSAGE = "Something went wrong on the server. Try again; if it keeps failing, an administrator finds the details in the server log.";

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const first = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

function quote(value: unknown): string | null {
  if (typeof value === "string") return value.length > 40 ? `“${value.slice(0, 40)}…”` : `“${value}”`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** "values.0.issuerUri" → "item 1, issuerUri"; indexes count from one, as people do. */
function describePath(parts: string[]): string {
  return parts.map((part) => (/^\d+$/.test(part) ? `item ${Number(part) + 1}` : part)).join(", ");
}

function issueText(issue: Issue, options: DescribeOptions): { field: string | null; text: string } {
  const parts = issue.path ? issue.path.split(".") : [];
  const [top, ...rest] = parts;
  const spec = top ? options.fields?.[top] : undefined;
  if (!top || !spec) {
    return { field: null, text: sentence(parts.length ? `${describePath(parts)} ${issue.message}` : issue.message) };
  }
  if (rest.length === 0) return { field: top, text: sentence(`${spec.label} ${issue.message}`) };

  const noun = spec.item ?? spec.label;
  const index = /^\d+$/.test(rest[0]!) ? Number(rest[0]) : null;
  const sent = (options.input as Record<string, unknown> | null | undefined)?.[top];
  if (index !== null && rest.length === 1) {
    const value = Array.isArray(sent) ? quote(sent[index]) : null;
    return { field: top, text: sentence(value ? `${noun} ${value} ${issue.message}` : `${noun} ${index + 1} ${issue.message}`) };
  }
  if (index !== null) return { field: top, text: sentence(`${noun} ${index + 1}: ${describePath(rest.slice(1))} ${issue.message}`) };
  return { field: top, text: sentence(`${spec.label}: ${describePath(rest)} ${issue.message}`) };
}

function asIssues(value: unknown): Issue[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is { path?: unknown; message: string } => typeof (item as { message?: unknown } | null)?.message === "string")
    .map((item) => ({ path: typeof item.path === "string" ? item.path : "", message: item.message }));
}

function isNetworkFailure(error: ErrorShape): boolean {
  // A tRPC client error without data never came from our API: the fetch failed, or something
  // between browser and server (a proxy, a restarting server) answered instead.
  return !error.data;
}

export function describeError(error: unknown, options: DescribeOptions = {}): ErrorDescription {
  if (!error) return { message: "", fields: {}, network: false };
  const text = typeof error === "string" ? error : typeof error === "object" ? "" : JSON.stringify(error);
  const shape = (typeof error === "object" ? error : { message: text }) as ErrorShape;
  const isTrpc = typeof error === "object" && error !== null && "data" in error;
  if (!isTrpc) {
    const message = typeof shape.message === "string" ? shape.message : text;
    return /fetch|network|load failed/i.test(message)
      ? { message: NETWORK_MESSAGE, fields: {}, network: true }
      : { message: sentence(message), fields: {}, network: false };
  }
  if (isNetworkFailure(shape)) return { message: NETWORK_MESSAGE, fields: {}, network: true };

  const data = shape.data!;
  const serverMessage = typeof shape.message === "string" ? shape.message : "";
  if (data.code === "INTERNAL_SERVER_ERROR" && !data.appCode) return { message: INTERNAL_MESSAGE, fields: {}, network: false };

  const issues = [...asIssues(data.zodIssues), ...asIssues(data.violations)];
  if (issues.length) {
    const fields: Record<string, string> = {};
    const loose: string[] = [];
    for (const issue of issues) {
      const { field, text } = issueText(issue, options);
      if (field) fields[field] ??= text;
      else loose.push(text);
    }
    const count = Object.keys(fields).length;
    const summary = count === 0 ? "" : count === 1 ? "Check the marked field." : `Check the ${count} marked fields.`;
    return { message: [summary, ...loose].filter(Boolean).join(" "), fields, network: false };
  }

  const appCode = typeof data.appCode === "string" ? data.appCode : null;
  const field = appCode ? options.codeFields?.[appCode] : undefined;
  const message = sentence(serverMessage);
  if (field && options.fields?.[field]) return { message: "Check the marked field.", fields: { [field]: message }, network: false };
  return { message, fields: {}, network: false };
}
