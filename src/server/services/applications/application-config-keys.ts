/**
 * The application configuration keys the server accepts (as Wultra's server does: exactly four)
 * and the rules for their values. Unknown keys and bad values are ERROR_ADMIN, as documented.
 * `oauth2_providers` carries client secrets: it is stored sealed, and reads show
 * `clientSecretSet: true` instead of the secret.
 */
import { X509Certificate } from "node:crypto";

import { z } from "zod";

export const CONFIG_KEYS = [
  "fido2_attestation_fmt_allowed",
  "fido2_aaguids_allowed",
  "fido2_root_ca_certs",
  "oauth2_providers",
] as const;

export type ConfigKey = (typeof CONFIG_KEYS)[number];

export const SECRET_CONFIG_KEYS: ReadonlySet<ConfigKey> = new Set(["oauth2_providers"]);

const ATTESTATION_FORMATS = ["packed", "tpm", "android-key", "android-safetynet", "fido-u2f", "apple", "none"] as const;

const pemCertificate = z.string().refine(
  (value) => {
    try {
      new X509Certificate(value);
      return /-----BEGIN CERTIFICATE-----/.test(value);
    } catch {
      return false;
    }
  },
  { error: "must be a PEM certificate" },
);

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

// Unknown members (such as the clientSecretSet a read shows) are dropped, not rejected.
const oauth2Provider = z.object({
  providerId: z.string().min(1).max(100),
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional(),
  issuerUri: url,
  redirectUri: url,
  clientAuthenticationMethod: z.enum(["client_secret_basic", "client_secret_post", "none"]).optional(),
  authorizeUri: url.optional(),
  tokenUri: url.optional(),
  jwkSetUri: url.optional(),
  scopes: z.union([z.string().max(1000), z.array(z.string().max(200)).max(50)]).optional(),
  pkceEnabled: z.boolean().optional(),
  signatureAlgorithm: z.enum(["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"]).optional(),
});

export type OAuth2Provider = z.infer<typeof oauth2Provider>;

export const CONFIG_VALUE_SCHEMAS: Record<ConfigKey, z.ZodType> = {
  fido2_attestation_fmt_allowed: z.array(z.enum(ATTESTATION_FORMATS)).max(ATTESTATION_FORMATS.length),
  fido2_aaguids_allowed: z.array(z.uuid({ error: "must be an AAGUID (UUID)" })).max(1000),
  fido2_root_ca_certs: z.array(pemCertificate).max(100),
  oauth2_providers: z
    .array(oauth2Provider)
    .max(20)
    .refine((providers) => new Set(providers.map((p) => p.providerId)).size === providers.length, {
      error: "providerId values must be unique",
    }),
};

export function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEYS as readonly string[]).includes(key);
}

/** What a read shows of stored values: secrets replaced by `clientSecretSet`. */
export function redactConfigValues(key: ConfigKey, values: unknown[]): unknown[] {
  if (key !== "oauth2_providers") return values;
  return (values as OAuth2Provider[]).map(({ clientSecret, ...rest }) => ({ ...rest, clientSecretSet: Boolean(clientSecret) }));
}

/**
 * A write of oauth2_providers may omit a provider's clientSecret to keep the stored one, so a
 * client can send back what it read without knowing the secret.
 */
export function mergeKeptSecrets(key: ConfigKey, next: unknown[], previous: unknown[] | null): unknown[] {
  if (key !== "oauth2_providers" || !previous) return next;
  const stored = new Map((previous as OAuth2Provider[]).map((p) => [p.providerId, p.clientSecret]));
  return (next as OAuth2Provider[]).map((p) =>
    p.clientSecret === undefined && stored.get(p.providerId) ? { ...p, clientSecret: stored.get(p.providerId) } : p,
  );
}
