/**
 * Runs before the console's pages (Next 16's name for middleware): gives each page response a
 * Content-Security-Policy with a fresh script nonce. Next reads the policy from the request
 * headers while rendering and puts the nonce on its own scripts, so the pages must render per
 * request (they do: they read the session). Permissions are not checked here: the services do.
 */
import { type NextRequest, NextResponse } from "next/server";

import { getEnv } from "@/env";
import { contentSecurityPolicy, createNonce } from "@/server/http/content-security-policy";

export function proxy(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    isDevelopment: process.env.NODE_ENV === "development",
    isHttps: getEnv().publicUrl.startsWith("https://"),
  });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/", "/login", "/console/:path*"],
};
