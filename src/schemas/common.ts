/**
 * Building blocks of the zod contracts. Hints follow the wording of the documents' violation
 * examples ("must not be empty", "must not be null").
 */
import { z } from "./zod";

/** A required string: missing or null says "must not be null", empty says "must not be empty". */
export const requiredString = (max = 255) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? "must not be null" : "must be a string") })
    .min(1, { error: "must not be empty" })
    .max(max, { error: `size must be between 1 and ${max}` });

export const requiredArray = <T extends z.ZodType>(item: T, { min = 0, max = 1000 } = {}) =>
  z
    .array(item, { error: (issue) => (issue.input === undefined || issue.input === null ? "must not be null" : "must be an array") })
    .min(min, { error: min === 1 ? "must not be empty" : `must contain at least ${min} items` })
    .max(max, { error: `must contain at most ${max} items` });

export const pageInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
