/**
 * Who is calling, and which host and scheme they used, with X-Forwarded-* trusted only as far as
 * TRUST_PROXY says. Anyone can send X-Forwarded-For: believing it without a proxy in front would
 * let one attacker pose as any number of addresses (defeating the sign-in throttle) and as any
 * host (defeating the same-site check).
 *
 * Pure functions over a header getter, so the custom server (socket address at hand) and Next's
 * route handlers (which only see headers) resolve a request the same way.
 */
import net from "node:net";

/**
 * The socket's remote address, as the custom server (src/bin/serve.ts) hands it to Next: route
 * handlers cannot see the socket. The server sets it on every request and removes any copy that
 * arrives from outside, so only the server's value is ever read.
 */
export const REMOTE_ADDRESS_HEADER = "x-guardline-remote-address";

export type HeaderGetter = (name: string) => string | undefined;

export interface ForwardedInfo {
  /** The caller's IP address (IPv4-mapped IPv6 written as IPv4), or "unknown". */
  clientAddress: string;
  /** The host the caller addressed (lower-cased, with port if one was given), or "" when none. */
  host: string;
  protocol: "http" | "https";
}

/** Parses TRUST_PROXY: unset/false = 0 (trust nothing), true = 1, or a number of trusted proxy hops. */
export function parseTrustProxy(value: string | undefined): number | null {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "false" || text === "0") return 0;
  if (text === "true") return 1;
  if (/^[1-9]\d?$/.test(text)) return Number(text);
  return null;
}

/** A bare IP address from a socket or header entry ("::ffff:10.0.0.1", "[::1]:443", "10.0.0.1:80"), or null. */
export function normalizeAddress(raw: string | undefined): string | null {
  let value = (raw ?? "").trim();
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  if (!net.isIP(value)) return null;
  return value.toLowerCase();
}

function listValues(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Host header values are attacker-chosen even without a proxy: keep only a plausible host[:port]. */
function cleanHost(raw: string | undefined): string {
  const host = (raw ?? "").trim().toLowerCase();
  return /^[a-z0-9.\-[\]:]{1,300}$/.test(host) ? host : "";
}

/**
 * @param trustedHops how many proxies in front of the server append to X-Forwarded-For (0: none,
 *   forwarded headers are ignored). With N hops the client is the Nth address from the right:
 *   entries further left were written by the client itself and prove nothing.
 */
export function resolveForwarded(getHeader: HeaderGetter, socketAddress: string | undefined, trustedHops: number): ForwardedInfo {
  const socket = normalizeAddress(socketAddress) ?? "unknown";
  if (trustedHops <= 0) {
    return { clientAddress: socket, host: cleanHost(getHeader("host")), protocol: "http" };
  }

  const chain = listValues(getHeader("x-forwarded-for"));
  // Fewer entries than hops (a proxy that does not append): the leftmost is the furthest any proxy saw.
  const entry = chain.length === 0 ? undefined : chain[Math.max(0, chain.length - trustedHops)];
  const clientAddress = entry === undefined ? socket : (normalizeAddress(entry) ?? socket);

  const forwardedHost = listValues(getHeader("x-forwarded-host")).at(-1);
  const host = cleanHost(forwardedHost ?? getHeader("host"));

  const forwardedProto = listValues(getHeader("x-forwarded-proto")).at(-1)?.toLowerCase();
  const protocol = forwardedProto === "https" ? "https" : "http";

  return { clientAddress, host, protocol };
}

/** The same, for a Fetch API request inside Next (socket address from the server's header). */
export function resolveRequestForwarded(headers: Headers, trustedHops: number): ForwardedInfo {
  const get: HeaderGetter = (name) => headers.get(name) ?? undefined;
  return resolveForwarded(get, get(REMOTE_ADDRESS_HEADER), trustedHops);
}

/** The same, for a plain header object (next-auth hands `authorize` its request this way). */
export function headerGetterOf(headers: Record<string, string | string[] | undefined> | undefined): HeaderGetter {
  return (name) => {
    const value = headers?.[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  };
}
