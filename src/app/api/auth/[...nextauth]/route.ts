// next-auth: staff sign-in and sign-out for the console (not a documented API).
import NextAuth from "next-auth";

import { getAuthOptions } from "@/server/auth/auth-options";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Options are read per request: the environment is only valid at run time, not at build time.
const handler: Handler = (request, context) => NextAuth(request as never, context as never, getAuthOptions()) as Promise<Response>;

export { handler as GET, handler as POST };
