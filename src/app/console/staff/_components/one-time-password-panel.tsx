"use client";

import { SecretOncePanel } from "@/components/ui/secret-once-panel";

import type { IssuedPassword } from "./staff-types";

export function OneTimePasswordPanel({ issued, onDone }: { issued: IssuedPassword; onDone: () => void }) {
  return (
    <SecretOncePanel
      title={issued.kind === "invite" ? `${issued.name} invited` : `Password of ${issued.name} reset`}
      items={[
        { label: "E-mail", value: issued.email },
        { label: "One-time password", value: issued.password },
      ]}
      onDone={onDone}
    >
      <p>
        Pass this one-time password to {issued.name} in person or over a channel you trust. They must choose their own password at
        their first sign-in; the one-time password then stops working.
      </p>
    </SecretOncePanel>
  );
}
