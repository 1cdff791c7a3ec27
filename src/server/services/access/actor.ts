/**
 * Who is acting. Every service takes an actor: the services decide what it may do, and the audit
 * log records it. Transports build actors (REST from the credential, tRPC from the session, the CLI
 * from the shell user); services never look at transports.
 */
import type { CredentialScope, StaffRole } from "@/generated/prisma/enums";

export type Actor =
  | { type: "STAFF"; id: string; label: string; role: StaffRole }
  | { type: "CREDENTIAL"; id: string; label: string; scope: CredentialScope; applicationId: string | null }
  | { type: "CLI"; id: null; label: string }
  | { type: "SYSTEM"; id: null; label: string }
  | { type: "ANONYMOUS"; id: null; label: string }
  | { type: "DEVICE"; id: string; label: string };

/** The product itself (jobs, bootstrap): may do everything. Never a caller from outside. */
export const systemActor = (label = "system"): Actor => ({ type: "SYSTEM", id: null, label });

/**
 * A customer's device, authenticated by its own PowerAuth signature or token: it acts only on its
 * own registration, through the mobile endpoints' services, never through permissions.
 */
export const deviceActor = (registration: { id: string; userId: string }): Actor => ({ type: "DEVICE", id: registration.id, label: registration.userId });

/** Someone not authenticated (a public route, a failed sign-in): may do nothing. */
export const anonymousActor = (label = "anonymous"): Actor => ({ type: "ANONYMOUS", id: null, label });

export const cliActor = (user: string): Actor => ({ type: "CLI", id: null, label: `cli:${user}` });
