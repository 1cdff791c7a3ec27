/**
 * Staff sign-in (next-auth v4, credentials provider, JWT sessions). The password check, throttle,
 * slow-down and lockout live in the signInStaff service; sign-out in signOutStaff. Sessions:
 * - absolute lifetime SESSION_MAX_HOURS and idle timeout SESSION_IDLE_MINUTES, both checked on
 *   the server from the token (session-lifetime.ts) by getStaffSession and by the session route;
 * - the console's activity ping (GET /api/auth/session, see idle-sign-out.tsx) renews the last
 *   activity: the jwt callback below runs on that route and re-issues the cookie;
 * - ended everywhere at once by a password change/reset, role change, disable or sign-out, which
 *   bump the user's session version.
 * `Secure` cookies when PUBLIC_URL is https.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { getEnv } from "@/env";
import type { StaffRole } from "@/generated/prisma/enums";
import { headerGetterOf, REMOTE_ADDRESS_HEADER, resolveForwarded } from "@/server/http/forwarded";
import { getRequestContext, logger, setRequestPrincipal } from "@/server/logger";
import { signInStaff } from "@/server/services/staff/sign-in-staff";
import { signOutStaff } from "@/server/services/staff/sign-out-staff";

import { usesSecureCookies } from "./session-cookie";
import { sessionState } from "./session-lifetime";

/**
 * The one error code the sign-in page shows: unknown, disabled, locked and throttled accounts get
 * the same answer as a wrong password, so the page cannot be used to find out which accounts exist
 * or are locked. Administrators see locks in the staff list and every refusal in the audit log.
 */
export const SIGN_IN_FAILED = "INVALID_CREDENTIALS";

/** Something went wrong on the server (the database was unreachable…): "try again", no details. */
const SIGN_IN_UNAVAILABLE = "SIGN_IN_UNAVAILABLE";

/**
 * The address the sign-in throttle counts against. The server hands the socket's address to Next
 * in REMOTE_ADDRESS_HEADER; a request context that already knows the client address (resolved by
 * the server) is used as it is, so forwarded headers are never applied twice.
 */
function clientAddressOf(headers: Record<string, string | string[] | undefined> | undefined, trustedHops: number): string {
  const getHeader = headerGetterOf(headers);
  const socketAddress = getHeader(REMOTE_ADDRESS_HEADER);
  const known = getRequestContext()?.clientAddress;
  if (socketAddress === undefined && known) return known;
  return resolveForwarded(getHeader, socketAddress, trustedHops).clientAddress;
}

export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  const limits = { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS };
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_HOURS * 3600 },
    useSecureCookies: usesSecureCookies(),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Staff",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password || email.length > 254 || password.length > 200) throw new Error(SIGN_IN_FAILED);
          const result = await signInStaff({ email, password, clientAddress: clientAddressOf(request?.headers, env.TRUST_PROXY) }).catch(
            (error: unknown) => {
              // next-auth would put the message into the login page's URL: keep it in the log.
              logger.error("sign-in failed unexpectedly", { error });
              throw new Error(SIGN_IN_UNAVAILABLE);
            },
          );
          if (!result.ok) throw new Error(SIGN_IN_FAILED);
          const { user } = result;
          // The access log line of the sign-in request names who signed in.
          setRequestPrincipal(user.email);
          return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const now = Date.now();
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
          token.authTime = now;
          token.lastActivity = now;
          return token;
        }
        // Any later call is a read of the session through next-auth (the activity ping): an idle or
        // expired session is not renewed; throwing makes next-auth answer "no session" and delete
        // the cookie.
        if (sessionState(token, now, limits) !== "active") throw new Error("SESSION_ENDED");
        token.lastActivity = now;
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.uid ?? "",
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role ?? "",
        };
        session.sessionVersion = token.sv ?? -1;
        session.authTime = token.authTime ?? 0;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.uid || token.sv === undefined) return;
        await signOutStaff({ userId: token.uid, email: token.email ?? "", role: (token.role ?? "VIEWER") as StaffRole, sessionVersion: token.sv }).catch(
          (error: unknown) => logger.warn("could not end sessions on sign-out", { error }),
        );
      },
    },
    logger: {
      error: (code, metadata) => {
        // An idle or expired session asked for renewal: expected, not a fault.
        if (code === "JWT_SESSION_ERROR" && metadata instanceof Error && metadata.message === "SESSION_ENDED") return;
        logger.warn("next-auth", { code, metadata: metadata instanceof Error ? metadata.message : metadata });
      },
      warn: (code) => logger.warn("next-auth", { code }),
      debug: () => undefined,
    },
  };
}
