/**
 * The operator CLI: `npm run cli -- <command>`.
 *
 *   credentials create --name NAME (--app APP_ID | --admin)   prints {"username","password",…} once
 *   credentials list [--app APP_ID] [--json]
 *   credentials revoke NAME_OR_ID
 *   audit verify [--expect-head ID:HASH] [--json]               exit code 1 when the chain is broken
 *   staff reset-password EMAIL                                  a new one-time password (locked-out admins)
 *   templates import FILE.json                                  create or update operation templates
 *   templates list [--json]
 *
 * Every change is recorded in the audit log with the shell user as actor ("cli:<user>").
 */
import os from "node:os";
import { parseArgs } from "node:util";

import { withToolDatabase } from "@/server/runtime/tool-database";

const USAGE = `Usage: npm run cli -- <command>

  credentials create --name NAME --app APP_ID   create a credential bound to one application
  credentials create --name NAME --admin        create an admin-scope credential
  credentials list [--app APP_ID] [--json]      list credentials (secrets are never shown again)
  credentials revoke NAME_OR_ID                 revoke a credential at once
  audit verify [--expect-head ID:HASH] [--json]
                                                verify the audit log's hash chain (and that it still
                                                holds a head printed by an earlier verification)
  staff reset-password EMAIL                    give a staff member a new one-time password
  templates import FILE.json                    create or update operation templates from a JSON array
                                                (name, operationType, dataTemplate required; the rest
                                                defaulted); prints one line per template
  templates list [--json]                       list operation templates
`;

class UsageError extends Error {}

type Task = (actor: import("@/server/services/access/actor").Actor) => Promise<number>;

/** Reads and validates a template import file; every problem is named by its index and field. */
async function parseTemplateFile(file: string) {
  const fs = await import("node:fs");
  const { ZTemplateImport } = await import("@/schemas/templates");
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = ZTemplateImport.safeParse(parsed);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(file)"}: ${issue.message}`).join("\n"));
  }
  return result.data;
}

/** The options and positionals; a malformed command line is a usage error (exit code 2), not a crash. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: "string" },
        app: { type: "string" },
        admin: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        "expect-head": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    // node:util's own errors (ERR_PARSE_ARGS_*): an option without its value, an unknown option.
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) throw new UsageError(error.message);
    throw error;
  }
}

/** Checks the command line and returns what to run; nothing touches the database before this passes. */
async function parseCommand(argv: string[]): Promise<Task | number> {
  const { values, positionals } = parseCommandLine(argv);
  const [area, command, target] = positionals;
  if (values.help || !area) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const key = `${area} ${command ?? ""}`;

  if (key === "credentials create") {
    const { ZCreateCredential } = await import("@/schemas/credentials");
    if (values.admin === Boolean(values.app)) throw new UsageError("Give exactly one of --app APP_ID or --admin.");
    const input = ZCreateCredential.safeParse(
      values.admin ? { scope: "ADMIN", name: values.name } : { scope: "APPLICATION", name: values.name, applicationId: values.app },
    );
    if (!input.success) {
      throw new UsageError(input.error.issues.map((issue) => `--${String(issue.path[0] ?? "name")}: ${issue.message}`).join("\n"));
    }
    return async (actor) => {
      const { createCredential } = await import("@/server/services/credentials/create-credential");
      console.log(JSON.stringify(await createCredential({ actor, ...input.data })));
      return 0;
    };
  }
  if (key === "credentials list") {
    return async (actor) => {
      const { listCredentials } = await import("@/server/services/credentials/list-credentials");
      const rows = await listCredentials({ actor, applicationId: values.app });
      if (values.json) console.log(JSON.stringify(rows));
      else console.table(rows.map((row) => ({ ...row, revokedAt: row.revokedAt?.toISOString() ?? "" })));
      return 0;
    };
  }
  if (key === "credentials revoke") {
    if (!target) throw new UsageError("credentials revoke needs a credential name or id.");
    return async (actor) => {
      const { revokeCredential } = await import("@/server/services/credentials/revoke-credential");
      const revoked = await revokeCredential({ actor, idOrUsername: target });
      console.log(JSON.stringify({ username: revoked.username, revokedAt: revoked.revokedAt }));
      return 0;
    };
  }
  if (key === "audit verify") {
    const expected = values["expect-head"];
    const match = expected === undefined ? undefined : /^(\d{1,19}):([0-9a-f]{64})$/.exec(expected);
    if (match === null) throw new UsageError("--expect-head takes ID:HASH as printed by audit verify (e.g. 42:3f9c…, 64 hex digits).");
    return async (actor) => {
      const { verifyAuditChain } = await import("@/server/services/audit/verify-audit-chain");
      const result = await verifyAuditChain({
        actor,
        trigger: "cli",
        expectedHead: match ? { id: BigInt(match[1]!), hash: match[2]! } : undefined,
      });
      if (values.json) console.log(JSON.stringify(result));
      else {
        console.log(result.message);
        if (result.ok && result.headId) {
          // Heads kept off this machine are what someone with the database and the data folder cannot rewrite.
          console.log(`Head: ${result.headId}:${result.headHash}`);
          console.log(`Keep this head somewhere else; "audit verify --expect-head ${result.headId}:${result.headHash}" later shows whether anything up to it was removed or rewritten.`);
        }
      }
      return result.ok ? 0 : 1;
    };
  }
  if (key === "staff reset-password") {
    if (!target) throw new UsageError("staff reset-password needs an e-mail address.");
    return async (actor) => {
      const { findStaffByEmail } = await import("@/server/services/staff/find-staff-by-email");
      const { resetStaffPassword } = await import("@/server/services/staff/reset-staff-password");
      const user = await findStaffByEmail({ actor, email: target });
      if (!user) throw new UsageError(`No staff member with e-mail ${target}.`);
      const { temporaryPassword } = await resetStaffPassword({ actor, id: user.id });
      console.log(JSON.stringify({ email: target.toLowerCase(), temporaryPassword }));
      return 0;
    };
  }
  if (key === "templates import") {
    if (!target) throw new UsageError("templates import needs a JSON file (an array of templates).");
    const templates = await parseTemplateFile(target);
    return async (actor) => {
      const { saveTemplate } = await import("@/server/services/templates/save-template");
      for (const template of templates) {
        const saved = await saveTemplate({ actor, template });
        console.log(JSON.stringify({ name: saved.template.name, action: saved.created ? "created" : "updated", parameters: saved.template.parameters }));
      }
      return 0;
    };
  }
  if (key === "templates list") {
    return async (actor) => {
      const { listTemplates } = await import("@/server/services/templates/list-templates");
      const rows = await listTemplates({ actor });
      if (values.json) console.log(JSON.stringify(rows));
      else
        console.table(
          rows.map((row) => ({ name: row.name, operationType: row.operationType, dataTemplate: row.dataTemplate, signatureTypes: row.signatureTypes.join(","), expirationSeconds: row.expirationSeconds, maxFailureCount: row.maxFailureCount, languages: Object.keys(row.texts).join(",") })),
        );
      return 0;
    };
  }
  throw new UsageError(`Unknown command: ${positionals.join(" ")}`);
}

async function main(argv: string[]): Promise<number> {
  const task = await parseCommand(argv);
  if (typeof task === "number") return task;
  const { cliActor } = await import("@/server/services/access/actor");
  const actor = cliActor(os.userInfo().username);
  return withToolDatabase("the Guardline CLI", () => task(actor));
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof Error && (error.name === "AppError" || error.name === "EnvError")) {
    console.error(`Error: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
