"use client";

import { SecretOncePanel, type SecretItem } from "@/components/ui/secret-once-panel";

import type { CreatedCredential } from "./credential-types";

/**
 * The one look at a new credential's password. Admin credentials get a ready curl call against
 * the admin API; application credentials get the HTTP Basic header their backend must send
 * (they cannot call /admin, so a curl there would only mislead).
 */
export function CredentialSecretPanel({ credential, onDone }: { credential: CreatedCredential; onDone: () => void }) {
  const { username, password, scope } = credential;
  const items: SecretItem[] = [
    { label: "User name", value: username },
    { label: "Password", value: password },
  ];
  if (scope === "ADMIN") {
    items.push({ label: "Example request", value: `curl -u ${username}:${password} ${window.location.origin}/admin/applications`, multiline: true });
  } else {
    items.push({ label: "HTTP Basic header", value: `Authorization: Basic ${btoa(`${username}:${password}`)}`, multiline: true });
  }
  return (
    <SecretOncePanel title={`Credential “${username}” created`} items={items} onDone={onDone}>
      <p>
        {scope === "ADMIN"
          ? "This credential may use the whole admin API."
          : `Your backend sends this header with every call to the API of application “${credential.applicationId}”.`}{" "}
        Only a hash of the password is stored; if it is lost, revoke the credential and create a new one.
      </p>
    </SecretOncePanel>
  );
}
