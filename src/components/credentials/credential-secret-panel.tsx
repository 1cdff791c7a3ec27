"use client";

import { SecretOncePanel, type SecretItem } from "@/components/ui/secret-once-panel";
import { Timestamp } from "@/components/ui/timestamp";

import type { CreatedCredential, RotatedCredential } from "./credential-types";

/**
 * The one look at a credential's new password, after it was created or rotated. Admin
 * credentials get a ready curl call against the admin API; application credentials get the HTTP
 * Basic header their backend must send (they cannot call /admin, so a curl there would only mislead).
 */
export function CredentialSecretPanel({
  credential,
  onDone,
  headingLevel = 2,
}: {
  credential: CreatedCredential | RotatedCredential;
  onDone: () => void;
  headingLevel?: 2 | 3;
}) {
  const { username, password, scope } = credential;
  const rotated = "previousValidUntil" in credential;
  const items: SecretItem[] = [
    { label: "User name", value: username },
    { label: rotated ? "New password" : "Password", value: password },
  ];
  if (scope === "ADMIN") {
    items.push({ label: "Example request", value: `curl -u ${username}:${password} ${window.location.origin}/admin/applications`, multiline: true });
  } else {
    items.push({ label: "HTTP Basic header", value: `Authorization: Basic ${btoa(`${username}:${password}`)}`, multiline: true });
  }
  return (
    <SecretOncePanel title={rotated ? `New password of credential “${username}”` : `Credential “${username}” created`} items={items} onDone={onDone} headingLevel={headingLevel}>
      {rotated ? (
        <p data-testid="rotation-grace">
          The user name stays the same; give the backend the new password.{" "}
          {credential.previousValidUntil ? (
            <>
              The old password keeps working until <Timestamp value={credential.previousValidUntil} />, then only the new one does.
            </>
          ) : (
            "The old password no longer works."
          )}
        </p>
      ) : null}
      <p>
        {scope === "ADMIN"
          ? "This credential may use the whole admin API."
          : `Your backend sends this header with every call to the API of application “${credential.applicationId}”.`}{" "}
        Only a hash of the password is stored; if it is lost, rotate the credential to get a new one.
      </p>
    </SecretOncePanel>
  );
}
