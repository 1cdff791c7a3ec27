/**
 * On a one-machine install nobody should have to invent keys: the secrets the server needs are
 * generated once into <DATA_DIR>/secrets.json (mode 0600) and reused on every start. Values set
 * in the environment always win. On a multi-instance deployment set them in the environment
 * instead, identical on every instance.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const GENERATED = {
  NEXTAUTH_SECRET: () => crypto.randomBytes(32).toString("base64url"),
  SECRETS_ENCRYPTION_KEY: () => crypto.randomBytes(32).toString("base64"),
  API_SECRET_PEPPER: () => crypto.randomBytes(32).toString("base64"),
  WORKER_TOKEN: () => crypto.randomBytes(32).toString("base64url"),
  // Keys the audit log's hash chain: rewriting entries needs it, so it never goes into the database.
  AUDIT_CHAIN_KEY: () => crypto.randomBytes(32).toString("base64"),
  // The embedded PostgreSQL's password (SCRAM); unused with DATABASE_URL.
  EMBEDDED_DATABASE_PASSWORD: () => crypto.randomBytes(24).toString("base64url"),
} as const;

type SecretName = keyof typeof GENERATED;

/**
 * Fills unset secrets in `env` from the data folder, generating and saving missing ones.
 * Returns the names taken from (or written to) the file, for a start-up notice.
 */
export function applyDataSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretName[] {
  const file = path.join(dataDir, "secrets.json");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let stored: Partial<Record<SecretName, string>> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Record<SecretName, string>>;

  const used: SecretName[] = [];
  let changed = false;
  for (const name of Object.keys(GENERATED) as SecretName[]) {
    if (env[name]) continue;
    if (!stored[name]) {
      stored[name] = GENERATED[name]();
      changed = true;
    }
    env[name] = stored[name];
    used.push(name);
  }
  if (changed) fs.writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  return used;
}
