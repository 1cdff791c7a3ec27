import { AppError } from "@/server/errors";

/** The documents report a missing application or version as ERROR_ADMIN (HTTP 400). */
export const applicationNotFound = (id: string) => new AppError("ERROR_ADMIN", `Application not found: ${id}`);

export const noEnabledVersion = () => new AppError("ERROR_ADMIN", "No enabled application version was found");
