import { router } from "./init";
import { accountRouter } from "./routers/account";
import { applicationsRouter } from "./routers/applications";
import { auditRouter } from "./routers/audit";
import { credentialsRouter } from "./routers/credentials";
import { operationsRouter } from "./routers/operations";
import { pushRouter } from "./routers/push";
import { registrationsRouter } from "./routers/registrations";
import { staffRouter } from "./routers/staff";
import { supportRouter } from "./routers/support";
import { templatesRouter } from "./routers/templates";

export const appRouter = router({
  account: accountRouter,
  applications: applicationsRouter,
  credentials: credentialsRouter,
  staff: staffRouter,
  audit: auditRouter,
  registrations: registrationsRouter,
  support: supportRouter,
  operations: operationsRouter,
  templates: templatesRouter,
  push: pushRouter,
});

export type AppRouter = typeof appRouter;
