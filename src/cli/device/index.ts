/**
 * The device simulator CLI: `npm run device -- <command> --state FILE.json --url http://…`.
 * A phone's whole state lives in the state file (created by `activate` from `--app-config`, the
 * application's mobileSdkConfig; written with mode 0600 because it holds the device's keys). Each
 * run prints one JSON line: `{"ok":true,"command":…,…}` or `{"ok":false,"error":…}` (exit code 1;
 * 2 for a usage error), so scripts and tests can read it.
 *
 * Commands are one file each under `commands/`; a new one is added to COMMANDS.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { activateCommand } from "./commands/activate";
import { offlineOtpCommand } from "./commands/offline-otp";
import { operationsCommand } from "./commands/operations";
import { removeCommand } from "./commands/remove";
import { signCommand } from "./commands/sign";
import { statusCommand } from "./commands/status";
import { pushCommand } from "./commands/push";
import { tokenCommand } from "./commands/token";
import { vaultCommand } from "./commands/vault";
import { DeviceApiError, DeviceClient, newDeviceState, type DeviceSimulatorState } from "./device-client";
import { UsageError, type DeviceCommand } from "./device-command";

const COMMANDS: readonly DeviceCommand[] = [activateCommand, statusCommand, signCommand, tokenCommand, vaultCommand, pushCommand, removeCommand, operationsCommand, offlineOtpCommand];

const COMMON = {
  state: { type: "string" },
  url: { type: "string" },
  "app-config": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function usage(): string {
  return [
    "Usage: npm run device -- <command> --state FILE.json --url http://host:port [options]",
    "",
    ...COMMANDS.map((command) => `  ${command.usage}`),
    "",
    "  --app-config MOBILE_SDK_CONFIG   the application's mobileSdkConfig (needed when the state file does not exist yet)",
  ].join("\n");
}

function readState(file: string): DeviceSimulatorState | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as DeviceSimulatorState;
}

/** Writes the state next to the file and renames it over, so a crash never leaves half a phone. */
function writeState(file: string, state: DeviceSimulatorState): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

async function main(argv: string[]): Promise<Record<string, unknown>> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(name ? `Unknown command: ${name}` : "No command given");
  const { values, positionals } = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, strict: true, allowPositionals: command.positionals === true });
  const stateFile = typeof values.state === "string" ? path.resolve(values.state) : undefined;
  const url = typeof values.url === "string" ? values.url : undefined;
  if (!stateFile) throw new UsageError("--state FILE.json is required");
  if (!url) throw new UsageError("--url http://host:port is required");

  const appConfig = typeof values["app-config"] === "string" ? values["app-config"] : undefined;
  let state = readState(stateFile);
  if (!state || (command.createsState && appConfig)) {
    if (!command.createsState) throw new UsageError(`No device state in ${stateFile}; run activate with --app-config first`);
    if (!appConfig) throw new UsageError("--app-config MOBILE_SDK_CONFIG is required for a new device");
    state = newDeviceState(appConfig);
  }
  const client = new DeviceClient({ baseUrl: url, state });
  try {
    return { command: command.name, ...(await command.run(client, values, positionals)) };
  } finally {
    // Also after a failed request: a signature's counter step, or a fetched temporary key, is kept.
    writeState(stateFile, client.state);
  }
}

const argv = process.argv.slice(2);
if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
  console.log(usage());
  process.exitCode = argv.length === 0 ? 2 : 0;
} else {
  try {
    console.log(JSON.stringify({ ok: true, ...(await main(argv)) }));
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      console.log(JSON.stringify({ ok: false, error: error.message }));
      console.error(`\n${usage()}`);
      process.exitCode = 2;
    } else if (error instanceof DeviceApiError) {
      console.log(JSON.stringify({ ok: false, error: error.message, status: error.status, code: error.code ?? null }));
      process.exitCode = 1;
    } else {
      console.log(JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }));
      process.exitCode = 1;
    }
  }
}
