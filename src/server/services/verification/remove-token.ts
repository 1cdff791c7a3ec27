/**
 * `POST /pa/v3/token/remove` (protocol §11.3): a device removes one of its own tokens, after its
 * signature was checked. The `where` clause holds the rule: only a token of the signing
 * registration is deleted. Like the reference, the answer names the token either way, so a
 * device learns nothing about other registrations' tokens (and removing twice is harmless).
 */
import { defineStatement, hotQuery } from "@/server/db";

const DELETE_OWN_TOKEN = defineStatement<[string, string]>()(
  "delete_own_token",
  "DELETE FROM token WHERE id = $1::uuid AND registration_id = $2::uuid RETURNING id",
  (row) => String(row.id),
);

export async function removeToken({ registrationId, tokenId }: { registrationId: string; tokenId: string }): Promise<{ tokenId: string; removed: boolean }> {
  const deleted = await hotQuery(DELETE_OWN_TOKEN, [tokenId, registrationId]);
  return { tokenId, removed: deleted.length > 0 };
}
