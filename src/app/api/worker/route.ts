// POST /api/worker: a scheduler or cron calls this to run a bounded batch of queued jobs
// (`Authorization: Bearer <WORKER_TOKEN>`, optional `{"maxJobs": n}`), for deployments whose app
// instances run with WORKER_ENABLED=false. Returns the counts.
import { z } from "zod";

import { drainQueues } from "@/server/jobs/queue";
import { restMethods, restRoute } from "@/server/rest/rest-route";

const ZDrainRequest = z.object({ maxJobs: z.number().int().min(1).max(1000).default(100) });

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "worker",
    body: ZDrainRequest,
    bodyOptional: true,
    handler: async ({ body }) => ({ status: "OK", responseObject: await drainQueues(body.maxJobs) }),
  }),
});
