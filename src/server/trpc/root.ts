import { router } from "./init";
import { accountRouter } from "./routers/account";
import { applicationsRouter } from "./routers/applications";
import { auditRouter } from "./routers/audit";
import { credentialsRouter } from "./routers/credentials";
import { pushRouter } from "./routers/push";
import { staffRouter } from "./routers/staff";

export const appRouter = router({
  account: accountRouter,
  applications: applicationsRouter,
  credentials: credentialsRouter,
  staff: staffRouter,
  audit: auditRouter,
  push: pushRouter,
});

export type AppRouter = typeof appRouter;
