/**
 * Shared helpers for the unit tests of `src/powerauth`: loading vector files and expecting a
 * `PowerAuthError` with a given code (real activations: `test-activation.ts`). Not used by
 * production code.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { expect } from "vitest";

import { type PowerAuthErrorCode, PowerAuthError } from "../core/errors";

/** Reads a file under `test-vectors/` as text. */
export function readVectorFile(path: string): string {
  return readFileSync(fileURLToPath(new URL(`./test-vectors/${path}`, import.meta.url)), "utf8");
}

/** Reads a JSON file under `test-vectors/`. */
export function loadVectors<T = unknown>(path: string): T {
  return JSON.parse(readVectorFile(path)) as T;
}

/** Runs `action` and expects a `PowerAuthError` with exactly `code`. */
export function expectPowerAuthError(action: () => unknown, code: PowerAuthErrorCode): PowerAuthError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected PowerAuthError ${code}`).toBeInstanceOf(PowerAuthError);
  expect((caught as PowerAuthError).code).toBe(code);
  return caught as PowerAuthError;
}

export const b64 = (text: string): Buffer => Buffer.from(text, "base64");
