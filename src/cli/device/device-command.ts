/**
 * What one `npm run device` command is: its options (node:util parseArgs), one usage line, and
 * what it does with the client. The entry (`index.ts`) loads and saves the state file around it and
 * prints the result as one JSON line.
 */
import type { ParseArgsConfig } from "node:util";

import type { DeviceClient, DeviceSimulatorState } from "./device-client";

export type OptionValues = Record<string, string | boolean | undefined>;

export interface DeviceCommand {
  name: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Whether the command may start without a state file (it then needs --app-config). */
  createsState?: boolean;
  /** Whether the command takes positional words (`operations list`). */
  positionals?: boolean;
  run(client: DeviceClient, values: OptionValues, positionals?: string[]): Promise<Record<string, unknown>>;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function requireString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export type { DeviceSimulatorState };
