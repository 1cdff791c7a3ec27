/**
 * The audit log's filters, shared by the console's list (tRPC), its URL and the export route, so
 * a link, a page and an export of the same filters mean the same entries. Everything is a string,
 * as in a URL; times are ISO instants, so a shared link means the same to readers in any zone.
 */
import { z } from "./zod";

// For its side effect: zod's interpreted mode in the browser (see common.ts). Without it, whether
// the audit page's schemas are built before or after that setting depends on how the bundler
// happens to order chunks, and zod's eval probe then trips the Content-Security-Policy.
import "./common";

const MAX_ID = 9_223_372_036_854_775_807n;

/** Callers drop empty form fields and URL parameters first: an empty value is no filter. */
const text = (max: number) => z.string().trim().min(1).max(max).optional();

const instant = z.iso.datetime({ offset: true, error: "must be a date and time such as 2026-12-02T08:30:00Z" }).optional();

/** An entry id as a cursor: digits within PostgreSQL's bigint. */
export const ZAuditCursor = z
  .string()
  .regex(/^\d{1,19}$/, { error: "must be an entry number" })
  // zod runs every check even after one failed, so this one must not trust the pattern above.
  .refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_ID, { error: "must be an entry number" });

export const ZAuditFilter = z.object({
  /** An exact action (`staff.invite`) or a whole area (`staff.*`). */
  action: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(\.\*)?$/, { error: "must be an action such as staff.invite, or an area such as staff.*" })
    .optional(),
  /** Exactly as recorded: a staff e-mail, a credential's user name, `cli:<user>`. */
  actor: text(254),
  targetType: text(50),
  targetId: text(200),
  applicationId: text(100),
  from: instant,
  to: instant,
});

export type AuditFilterInput = z.infer<typeof ZAuditFilter>;

export const ZAuditListInput = ZAuditFilter.extend({
  /** Older entries: those before this id. */
  before: ZAuditCursor.optional(),
  /** Newer entries: those after this id. */
  after: ZAuditCursor.optional(),
  pageSize: z.number().int().min(1).max(200).default(50),
}).refine((input) => !(input.before && input.after), { error: "give before or after, not both", path: ["after"] });

export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export const ZAuditExportQuery = ZAuditFilter.extend({
  format: z.enum(AUDIT_EXPORT_FORMATS, { error: "must be csv or jsonl" }),
});
