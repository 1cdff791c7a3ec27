import { router } from "./init";
import { accountRouter } from "./routers/account";
import { applicationsRouter } from "./routers/applications";
import { auditRouter } from "./routers/audit";
import { credentialsRouter } from "./routers/credentials";
import { staffRouter } from "./routers/staff";

export const appRouter = router({
  account: accountRouter,
  applications: applicationsRouter,
  credentials: credentialsRouter,
  staff: staffRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
