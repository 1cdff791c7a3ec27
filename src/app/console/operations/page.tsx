import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/console/not-built-yet";

export const metadata: Metadata = { title: "Operations" };

export default function OperationsPage() {
  return (
    <NotBuiltYet
      area="Operations"
      purpose="Login and payment approvals: the bank creates an operation and the user confirms it in the mobile app, online, or offline by scanning a QR code and typing the one-time code it shows."
    />
  );
}
