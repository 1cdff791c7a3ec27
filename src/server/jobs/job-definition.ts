/**
 * A job is a name, a payload contract and queue options; its handler lives in a file of its own
 * (`<name>.handler.ts`). Jobs are idempotent: pg-boss may deliver one again after a crash.
 */
import type { z } from "zod";

export interface JobDefinition<TPayload extends z.ZodType = z.ZodType> {
  name: string;
  payload: TPayload;
  /**
   * pg-boss queue options: retries with exponential backoff, how long a run may take, and for the
   * delivery queues a heartbeat (a run whose worker died comes back after `heartbeatSeconds`
   * instead of `expireInSeconds`) and NOTIFY (an idle worker wakes when a job is queued).
   */
  queue: { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number; heartbeatSeconds?: number; notify?: boolean };
  /** How many workers of this queue one process runs (default 1). */
  localConcurrency?: number;
  /** How many jobs each of those workers takes per fetch (default 1); they run at once. */
  fetchBatch?: number;
  /** A cron schedule (UTC), for maintenance jobs. */
  schedule?: { cron: string; data: z.input<TPayload> };
}

export interface JobRegistration<TPayload extends z.ZodType = z.ZodType> {
  definition: JobDefinition<TPayload>;
  handler: (payload: z.output<TPayload>, job: { id: string; retryCount: number }) => Promise<unknown>;
}
