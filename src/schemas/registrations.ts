/**
 * Contracts for registrations (cloud-multi-device-api.txt, "Services for Registrations"): REST,
 * tRPC and console forms.
 */
import { z } from "zod";

import { ZApplicationId } from "./applications";
import { requiredArray, requiredString } from "./common";

export const ZUserId = requiredString(255);

export const ZRegistrationFlag = requiredString(100).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
  error: "must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
});

export const ZFlags = requiredArray(ZRegistrationFlag, { max: 100 });

export const ZOtpValidation = z.enum(["NONE", "ON_KEY_EXCHANGE", "ON_COMMIT"], { error: "must be NONE, ON_KEY_EXCHANGE or ON_COMMIT" });

/** An activation OTP as banks send them: 4 to 64 characters (letters, digits and - _ .). */
export const ZActivationOtp = requiredString(64)
  .min(4, { error: "size must be between 4 and 64" })
  .regex(/^[A-Za-z0-9._-]+$/, { error: "must be letters, digits, '.', '_' or '-'" });

export const ZRegistrationId = z.uuid({ error: "must be a registration ID (a UUID)" });

export const ZRegistrationPathParams = z.object({ registrationId: ZRegistrationId });

export const ZCreateRegistrationRequest = z
  .object({
    userId: ZUserId,
    appId: ZApplicationId,
    otp: ZActivationOtp.optional(),
    otpValidation: ZOtpValidation.optional().default("NONE"),
    flags: ZFlags.optional().default([]),
  })
  .superRefine((value, context) => {
    if (value.otpValidation !== "NONE" && !value.otp) {
      context.addIssue({ code: "custom", path: ["otp"], message: `must not be null when otpValidation is ${value.otpValidation}` });
    }
    if (value.otpValidation === "NONE" && value.otp) {
      context.addIssue({ code: "custom", path: ["otpValidation"], message: "must be ON_KEY_EXCHANGE or ON_COMMIT when an otp is given" });
    }
  });

export const ZRegistrationListQuery = z.object({ userId: ZUserId });

export const ZCommitRegistrationRequest = z.object({
  externalUserId: requiredString(255).optional(),
  otp: ZActivationOtp.optional(),
});

export const ZChangeRegistrationRequest = z.object({
  change: z.enum(["BLOCK", "UNBLOCK", "REMOVE"], { error: "must be BLOCK, UNBLOCK or REMOVE" }),
  externalUserId: requiredString(255).optional(),
  blockReason: requiredString(255).optional(),
});

export const ZFlagsRequest = z.object({ flags: ZFlags });
