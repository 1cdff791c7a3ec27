/**
 * Protocol minor versions (powerauth-protocol.md §0.1). A 3.x server accepts exactly 3.0–3.3, the
 * values the reference header validators allow; every version-dependent rule in the library asks
 * this module instead of comparing strings itself.
 */
import { PowerAuthError } from "./errors";

/** The protocol minor versions a 3.x server accepts (§0.1). */
export type ProtocolVersion = "3.0" | "3.1" | "3.2" | "3.3";

export const PROTOCOL_VERSIONS: readonly ProtocolVersion[] = ["3.0", "3.1", "3.2", "3.3"];

/** Validates a version string from a header or a stored record. */
export function parseProtocolVersion(value: unknown, what = "version"): ProtocolVersion {
  if (typeof value === "string" && (PROTOCOL_VERSIONS as readonly string[]).includes(value)) {
    return value as ProtocolVersion;
  }
  throw new PowerAuthError("INVALID_VERSION", `${what} must be one of ${PROTOCOL_VERSIONS.join(", ")}`);
}

/** `true` when `version` is `minimum` or newer ("3.2" >= "3.1"). */
export function isVersionAtLeast(version: ProtocolVersion, minimum: ProtocolVersion): boolean {
  return PROTOCOL_VERSIONS.indexOf(version) >= PROTOCOL_VERSIONS.indexOf(minimum);
}
