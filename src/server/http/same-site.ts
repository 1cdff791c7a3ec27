/**
 * Defence in depth against cross-site requests to the console API (the session cookie is
 * SameSite=Lax already): a browser's Origin must be the host it sent the request to, or
 * PUBLIC_URL. That host is the Host header, or X-Forwarded-Host only when TRUST_PROXY says a proxy
 * sets it: otherwise a forged X-Forwarded-Host would make any origin look same-site. Requests
 * without an Origin (same-origin GETs, non-browser clients) pass.
 */
import { resolveRequestForwarded } from "./forwarded";

export function isSameSite(request: Request, { trustedHops, publicUrl }: { trustedHops: number; publicUrl: string }): boolean {
  const origin = request.headers.get("origin");
  if (!origin || request.method === "GET") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const { host } = resolveRequestForwarded(request.headers, trustedHops);
  return (host !== "" && originHost === host) || origin === new URL(publicUrl).origin;
}
