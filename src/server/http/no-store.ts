/**
 * Marks a response as never to be stored by a browser or proxy cache. The console's tRPC and
 * sign-in responses carry session cookies and, once, a created credential's secret.
 */
export function withNoStore(response: Response): Response {
  // Redirects from Response.redirect() have immutable headers: copy into a fresh response.
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", "no-store");
  headers.set("Pragma", "no-cache");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
