/**
 * Headers every response carries, set once by the server wrapper for REST and console alike
 * (they used to be matched per request from next.config.mjs). HSTS only when the product is
 * published over HTTPS: over plain HTTP it would be ignored, and behind a TLS-terminating load
 * balancer PUBLIC_URL says https.
 */
export function securityHeaders(publicUrl: string): Readonly<Record<string, string>> {
  return Object.freeze({
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(publicUrl.startsWith("https:") ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  });
}
