/**
 * Key material shared by the application use cases (protocol §2): the sealing context of an
 * application's master private key and a new version's app key and secret.
 */
import { generateApplicationVersionCredentials } from "@/powerauth/server";

/** The first version every new application gets. */
export const FIRST_VERSION_NAME = "default";

/** The secret-box context the master private key is sealed under (see `sealSecret`). */
export function masterKeyContext(applicationId: string): string {
  return `master-key:${applicationId}`;
}

/** A new version's app key and secret (protocol §2), in the table's column names. */
export function newVersionKeys(): { appKey: string; appSecret: string } {
  const { applicationKey, applicationSecret } = generateApplicationVersionCredentials();
  return { appKey: applicationKey, appSecret: applicationSecret };
}
