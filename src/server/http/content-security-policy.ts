/**
 * The console's Content-Security-Policy: scripts only with this response's nonce (Next puts it on
 * its own scripts when it finds the policy on the request) and whatever those load
 * ('strict-dynamic'); 'unsafe-eval' only for the development server, where React needs it for its
 * error overlays. Styles come from the app's own stylesheets or carry the nonce. Nothing may frame
 * the console, and it talks to its own origin only.
 */
export function contentSecurityPolicy({ nonce, isDevelopment, isHttps }: { nonce: string; isDevelopment: boolean; isHttps: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** 128 random bits, Base64: a fresh one for every page response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
