/**
 * Staff sign-in (next-auth v4, credentials provider, JWT sessions). The password check, slow-down
 * and lockout live in the signInStaff service. Sessions:
 * - absolute lifetime SESSION_MAX_HOURS (the JWT's maxAge, and checked in getStaffSession);
 * - idle timeout SESSION_IDLE_MINUTES: the console signs itself out after that long without
 *   input (see src/components/console/idle-sign-out.tsx);
 * - ended everywhere at once by a password change/reset, role change, disable or sign-out, which
 *   bump the user's session version.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { getEnv } from "@/env";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { signInStaff } from "@/server/services/staff/sign-in-staff";

/** Error codes the sign-in page turns into messages. */
export const SIGN_IN_ERRORS = { invalid: "INVALID_CREDENTIALS", locked: "ACCOUNT_LOCKED" } as const;

export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_HOURS * 3600 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Staff",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const email = credentials?.email ?? "";
          const password = credentials?.password ?? "";
          if (!email || !password || email.length > 254 || password.length > 200) throw new Error(SIGN_IN_ERRORS.invalid);
          const result = await signInStaff({ email, password });
          if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.reason]);
          const { user } = result;
          return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
          token.authTime = Date.now();
        }
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
        // Signing out ends this user's other sessions too: a copied cookie is worthless afterwards.
        if (token?.uid && token.sv !== undefined) {
          await db.staffUser
            .updateMany({ where: { id: token.uid, sessionVersion: token.sv }, data: { sessionVersion: { increment: 1 } } })
            .catch((error: unknown) => logger.warn("could not end sessions on sign-out", { error }));
        }
      },
    },
    logger: {
      error: (code, metadata) => logger.warn("next-auth", { code, metadata: metadata instanceof Error ? metadata.message : metadata }),
      warn: (code) => logger.warn("next-auth", { code }),
      debug: () => undefined,
    },
  };
}
