import { z } from "zod";

import { ZApplicationId } from "./applications";
import { requiredString } from "./common";

export const CREDENTIAL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;

/** The name is the HTTP Basic user name, so it is restricted to characters that survive Basic auth. */
export const ZCredentialName = requiredString(64).regex(CREDENTIAL_NAME_PATTERN, {
  error: "must be 3 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit",
});

export const ZCreateCredential = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("APPLICATION"), name: ZCredentialName, applicationId: ZApplicationId }),
  z.object({ scope: z.literal("ADMIN"), name: ZCredentialName }),
]);
