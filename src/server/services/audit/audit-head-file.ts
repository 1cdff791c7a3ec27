/**
 * The last verified head, kept in the data folder (`audit-head.json`, 0600) as well as in the
 * audit_verification table. Someone who can write the database can delete the newest entries and
 * the verifications that saw them; this file is out of their reach, so the next verification
 * still notices the cut. Operators should also keep heads outside this machine (the CLI prints
 * the head), since someone with the machine can edit this file too.
 *
 * The file only moves forward: a verification that saw fewer entries (a slower one that started
 * earlier) never replaces a later head.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

import { getEnv } from "@/env";
import { logger } from "@/server/logger";

import type { ChainAnchor } from "./check-audit-chain";

const FILE_NAME = "audit-head.json";

const ZHeadFile = z.object({
  headId: z.string().regex(/^\d{1,19}$/),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  entries: z.number().int().min(1),
  verifiedAt: z.string(),
});

export type AuditHeadRecord = z.infer<typeof ZHeadFile>;

export class AuditHeadFileError extends Error {
  override readonly name = "AuditHeadFileError";
}

/** The file's path, or null when there is no data folder (a deployment without one). */
export function getAuditHeadFilePath(): string | null {
  const dir = path.resolve(getEnv().DATA_DIR);
  try {
    return fs.statSync(dir).isDirectory() ? path.join(dir, FILE_NAME) : null;
  } catch {
    return null;
  }
}

function readRecord(file: string): AuditHeadRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new AuditHeadFileError(`the head file ${file} cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const record = ZHeadFile.safeParse(parsed);
  if (!record.success) throw new AuditHeadFileError(`the head file ${file} is not a head this server wrote (edited or damaged)`);
  return record.data;
}

/** The recorded head as an anchor for the check; throws AuditHeadFileError when the file is damaged. */
export function readAuditHeadFile(file: string): ChainAnchor | null {
  const record = readRecord(file);
  return (
    record && {
      source: `the head file ${file} (verified ${record.verifiedAt})`,
      headId: BigInt(record.headId),
      headHash: record.headHash,
      entries: record.entries,
    }
  );
}

/** Records a verified head. A failed write is logged, not fatal: the database still holds the head. */
export function writeAuditHeadFile(file: string, head: AuditHeadRecord): void {
  try {
    // A damaged file throws here and stays as it is: it is evidence, and it fails every
    // verification until an operator has looked at it and moved it aside.
    const current = readRecord(file);
    if (current && current.entries > head.entries) return;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(head, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch (error) {
    logger.warn("could not record the audit chain's head in the data folder", { file, error });
  }
}
