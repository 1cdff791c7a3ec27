// Console download of the filtered audit log as CSV or JSON Lines (not a documented API: the staff
// session authenticates it, like tRPC, and the service checks the permission).
import { ZAuditExportQuery } from "@/schemas/audit";
import { getStaffSession } from "@/server/auth/get-staff-session";
import { isAppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { exportAuditEvents } from "@/server/services/audit/export-audit-events";

export const dynamic = "force-dynamic";

const plain = (status: number, message: string) =>
  new Response(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function GET(request: Request): Promise<Response> {
  // An export is audited, so another site must not be able to start one in a staff browser.
  if (request.headers.get("sec-fetch-site") === "cross-site") return plain(403, "Cross-site request refused.");
  const actor = await getStaffSession();
  if (!actor) return plain(401, "Sign in to the console first.");
  if (actor.mustChangePassword) return plain(403, "Choose a new password first.");

  // As in the list, an empty parameter is no filter.
  const params = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
  const input = ZAuditExportQuery.safeParse(Object.fromEntries(params));
  if (!input.success) {
    return plain(400, `Cannot export: ${input.error.issues.map((issue) => `${issue.path.join(".") || "query"} ${issue.message}`).join("; ")}.`);
  }

  let exported: Awaited<ReturnType<typeof exportAuditEvents>>;
  try {
    exported = await exportAuditEvents({ actor, input: input.data });
  } catch (error) {
    if (isAppError(error)) return plain(error.status, error.message);
    logger.error("audit export failed", { error });
    return plain(500, "Unexpected error; see the server log.");
  }

  const chunks = exported.chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  // Pull-based: the next batch is read only when the client has taken the previous one.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.error("audit export stopped part way", { error });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": exported.contentType,
      "content-disposition": `attachment; filename="${exported.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
