/**
 * The service status the Push Server documents. Version and build time are fixed at build time
 * (next.config.mjs inlines them); the current time is now.
 */
import { getEnv } from "@/env";

export function getServiceStatus() {
  return {
    applicationName: "guardline",
    applicationDisplayName: "Guardline Mobile Security Server",
    applicationEnvironment: getEnv().APP_ENVIRONMENT,
    version: process.env.APP_VERSION ?? "0.0.0",
    buildTime: process.env.BUILD_TIME ?? null,
    timestamp: new Date().toISOString(),
  };
}
