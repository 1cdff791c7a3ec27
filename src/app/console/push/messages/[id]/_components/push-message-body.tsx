import { JsonView } from "@/components/ui/json-view";
import { Timestamp } from "@/components/ui/timestamp";

// The abstract body's fields in reading order (push-server-api.txt "Send Message" `body`; src/schemas/push-messages.ts ZPushBody).
const FIELDS: { key: string; label: string }[] = [
  { key: "title", label: "Title" },
  { key: "titleLocKey", label: "Title loc key" },
  { key: "titleLocArgs", label: "Title loc args" },
  { key: "body", label: "Body" },
  { key: "bodyLocKey", label: "Body loc key" },
  { key: "bodyLocArgs", label: "Body loc args" },
  { key: "badge", label: "Badge" },
  { key: "sound", label: "Sound" },
  { key: "icon", label: "Icon" },
  { key: "category", label: "Category" },
  { key: "collapseKey", label: "Collapse key" },
];

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(", ");
  // Body values are strings, numbers and string lists (ZPushBody).
  return String(value);
}

/** The stored body as a definition list of the fields that were given, extras as JSON. */
export function PushMessageBody({ body }: { body: unknown }) {
  const fields = (body ?? {}) as Record<string, unknown>;
  const given = FIELDS.filter(({ key }) => fields[key] !== null && fields[key] !== undefined && fields[key] !== "");
  const validUntil = typeof fields.validUntil === "string" ? fields.validUntil : null;
  const extras = fields.extras && typeof fields.extras === "object" && Object.keys(fields.extras).length ? fields.extras : null;
  return (
    <>
      {given.length || validUntil ? (
        <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm" aria-label="Message content">
          {given.map(({ key, label }) => (
            <div key={key} className="contents">
              <dt className="text-xs font-medium text-slate-600">{label}</dt>
              <dd className="text-xs break-words whitespace-pre-wrap">{show(fields[key])}</dd>
            </div>
          ))}
          {validUntil ? (
            <>
              <dt className="text-xs font-medium text-slate-600">Valid until</dt>
              <dd className="text-xs">
                <Timestamp value={validUntil} />
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="text-xs text-slate-600">No visible content (a silent message).</p>
      )}
      <h3 className="mt-3 mb-1 text-xs font-semibold text-slate-700">Extras</h3>
      {extras ? <JsonView value={extras} label="Extras" /> : <p className="text-xs text-slate-600">None.</p>}
    </>
  );
}
