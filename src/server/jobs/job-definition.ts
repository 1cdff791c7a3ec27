/**
 * A job is a name, a payload contract and queue options; its handler lives in a file of its own
 * (`<name>.handler.ts`). Jobs are idempotent: pg-boss may deliver one again after a crash.
 */
import type { z } from "zod";

export interface JobDefinition<TPayload extends z.ZodType = z.ZodType> {
  name: string;
  payload: TPayload;
  /** pg-boss queue options: retries with exponential backoff, how long a run may take. */
  queue: { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number };
  /** A cron schedule (UTC), for maintenance jobs. */
  schedule?: { cron: string; data: z.input<TPayload> };
}

export interface JobRegistration<TPayload extends z.ZodType = z.ZodType> {
  definition: JobDefinition<TPayload>;
  handler: (payload: z.output<TPayload>, job: { id: string; retryCount: number }) => Promise<unknown>;
}
