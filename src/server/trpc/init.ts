/**
 * The one tRPC init file. Procedures by permission: `publicProcedure`, `staffProcedure` (signed
 * in), `permissionProcedure("applications.write")`. The permission check here only gives an early,
 * clear answer; the services check again, so nothing depends on a procedure remembering it.
 * AppErrors map once to tRPC codes by their HTTP status, with the documented code kept in
 * `data.appCode`; anything else is logged and reported as an internal error without details.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";

import { getStaffSession } from "@/server/auth/get-staff-session";
import { isAppError } from "@/server/errors";
import { logger, setRequestPrincipal } from "@/server/logger";
import { can, type Permission } from "@/server/services/access/permissions";
import type { StaffActor } from "@/server/services/staff/get-staff-actor";

export async function createTrpcContext(): Promise<{ actor: StaffActor | null }> {
  const actor = await getStaffSession();
  // The access log line names who made the request.
  if (actor) setRequestPrincipal(actor.label);
  return { actor };
}

type Context = Awaited<ReturnType<typeof createTrpcContext>>;

const STATUS_TO_TRPC: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      message: error.code === "INTERNAL_SERVER_ERROR" && !isAppError(cause) ? "Unexpected error; see the server log." : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        appCode: isAppError(cause) ? cause.code : null,
        zodIssues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : null,
        // A service's field-level findings, so the console can show them on the field.
        violations: isAppError(cause) ? (cause.options.violations?.map(({ fieldName, hint }) => ({ path: fieldName, message: hint })) ?? null) : null,
      },
    };
  },
});

/** Turns service errors into tRPC errors (the one place that knows both). */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const { error } = result;
    const cause = error.cause;
    if (isAppError(cause)) {
      throw new TRPCError({ code: STATUS_TO_TRPC[cause.status] ?? "INTERNAL_SERVER_ERROR", message: cause.message, cause });
    }
    if (error.code === "INTERNAL_SERVER_ERROR") logger.error("tRPC procedure failed", { path, error: cause ?? error });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

/** Signed in; a member who must change their password may only do that (and read who they are). */
export const staffProcedure = publicProcedure.use(({ ctx, next, path }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  if (ctx.actor.mustChangePassword && path !== "account.changePassword" && path !== "account.me") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Choose a new password first" });
  }
  return next({ ctx: { actor: ctx.actor } });
});

export const permissionProcedure = (permission: Permission) =>
  staffProcedure.use(({ ctx, next }) => {
    if (!can(ctx.actor, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role does not allow ${permission.replace(".", " ")}` });
    }
    return next();
  });
