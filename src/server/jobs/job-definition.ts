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
  /** How many runs of this queue one process works on at once (default 1). */
  localConcurrency?: number;
  /** A cron schedule (UTC), for maintenance jobs. */
  schedule?: { cron: string; data: z.input<TPayload> };
}

export interface JobRegistration<TPayload extends z.ZodType = z.ZodType> {
  definition: JobDefinition<TPayload>;
  handler: (payload: z.output<TPayload>, job: { id: string; retryCount: number }) => Promise<unknown>;
}
