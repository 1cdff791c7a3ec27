import type { Metadata } from "next";

import { CredentialsView } from "./_components/credentials-view";

export const metadata: Metadata = { title: "Credentials" };

export default function CredentialsPage() {
  return <CredentialsView />;
}
