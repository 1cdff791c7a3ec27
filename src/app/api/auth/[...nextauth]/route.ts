// next-auth: staff sign-in and sign-out for the console (not a documented API).
import NextAuth from "next-auth";

import { getAuthOptions } from "@/server/auth/auth-options";
import { withNoStore } from "@/server/http/no-store";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Options are read per request: the environment is only valid at run time, not at build time.
const handler: Handler = async (request, context) =>
  withNoStore((await NextAuth(request as never, context as never, getAuthOptions())) as Response);

export { handler as GET, handler as POST };
