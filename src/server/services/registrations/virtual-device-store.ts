/**
 * What the console's virtual-device use cases share (issue 9 §4): the device simulator
 * (`DeviceClient`) run server-side for staff, talking to this server's own mobile API over HTTP
 * exactly as a phone does (ECIES, temporary keys, signatures over the raw bytes, the REST
 * wrapper's envelopes), with its whole state sealed in `virtual_device` and bound to the
 * registration.
 *
 * HTTP rather than calling the services directly: a direct call would skip the transport a
 * phone depends on (routing, body parsing, the encryption header, error envelopes), so a virtual
 * device that activates would prove less. The price is a loopback request per step.
 *
 * No transaction is held while the device talks to the server (never wait on a second
 * connection inside one): a use reads the state with its version and saves with a conditional
 * update, so two staff members using one device at once get a clear refusal instead of one
 * silently losing the other's counter step (the server's look-ahead window absorbs the step).
 */
import { DeviceApiError, DeviceClient, type DeviceSimulatorState } from "@/cli/device/device-client";
import { getEnv } from "@/env";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { openSecret, sealSecret } from "@/server/security/secret-box";

const stateContext = (registrationId: string) => `virtual-device:${registrationId}`;

/** A loopback request must not hang a console request: each step of the simulator is bounded. */
const STEP_TIMEOUT_MS = 15_000;

export function sealDeviceState(registrationId: string, state: DeviceSimulatorState): string {
  return sealSecret(JSON.stringify(state), stateContext(registrationId));
}

export function openDeviceState(registrationId: string, sealed: string): DeviceSimulatorState {
  return JSON.parse(openSecret(sealed, stateContext(registrationId)).toString("utf8")) as DeviceSimulatorState;
}

export function deviceClientFor(state: DeviceSimulatorState): DeviceClient {
  const boundedFetch: typeof fetch = (input, init) => fetch(input, { ...init, redirect: "error", signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
  return new DeviceClient({ baseUrl: getEnv().selfUrl, state, fetch: boundedFetch });
}

export interface StoredVirtualDevice {
  state: DeviceSimulatorState;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export async function findVirtualDevice(registrationId: string): Promise<StoredVirtualDevice | null> {
  const row = await db.virtualDevice.findUnique({ where: { registrationId } });
  if (!row) return null;
  return { state: openDeviceState(registrationId, row.stateEncrypted), version: row.version, createdBy: row.createdBy, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** Saves the state a use produced, if nobody else saved one since it was read. */
export async function saveVirtualDevice(registrationId: string, version: number, state: DeviceSimulatorState): Promise<void> {
  const saved = await db.virtualDevice.updateMany({
    where: { registrationId, version },
    data: { stateEncrypted: sealDeviceState(registrationId, state), version: { increment: 1 }, updatedAt: new Date() },
  });
  if (saved.count === 0) {
    throw new AppError("ERROR_CONFLICT", "Someone else used this virtual device at the same moment; reload the registration and try again.");
  }
}

/** The server's refusal, in words for the console (the envelope's code and message). */
export function describeDeviceFailure(error: unknown): AppError {
  if (error instanceof DeviceApiError) {
    return new AppError("ERROR_REGISTRATION", `The mobile API refused the virtual device: ${error.code ?? `HTTP ${error.status}`}${messageOf(error.body)}`);
  }
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") return new AppError("ERROR_REGISTRATION", "The mobile API did not answer the virtual device in time.");
  if (name === "TypeError") return new AppError("ERROR_REGISTRATION", `The virtual device could not reach this server's mobile API at ${getEnv().selfUrl}.`);
  throw error;
}

function messageOf(body: unknown): string {
  const message = (body as { responseObject?: { message?: unknown } } | null)?.responseObject?.message;
  return typeof message === "string" && message ? ` (${message})` : "";
}

/** What the console shows of a virtual device: what a phone's screen would, never its keys. */
export interface VirtualDeviceView {
  activationId: string | null;
  fingerprint: string | null;
  protocolVersion: string | null;
  /** The counter the next signature uses. */
  counter: number | null;
  removed: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toVirtualDeviceView(device: StoredVirtualDevice): VirtualDeviceView {
  const activation = device.state.activation;
  return {
    activationId: activation?.activationId ?? null,
    fingerprint: device.state.fingerprint ?? null,
    protocolVersion: activation?.version ?? null,
    counter: activation?.counter ?? null,
    removed: device.state.removed ?? false,
    createdBy: device.createdBy,
    createdAt: device.createdAt,
    updatedAt: device.updatedAt,
  };
}
