import crypto from "node:crypto";

import { getEnv } from "@/env";

/** `Authorization: Bearer <WORKER_TOKEN>`, compared in constant time (hashes equalise lengths). */
export function isWorkerToken(header: string | null | undefined): boolean {
  const expected = getEnv().WORKER_TOKEN;
  const given = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!expected || !given) return false;
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
