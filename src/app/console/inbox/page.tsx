import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/console/not-built-yet";

export const metadata: Metadata = { title: "Inbox" };

export default function InboxPage() {
  return (
    <NotBuiltYet
      area="Inbox"
      purpose="In-app messages for users, which the mobile app shows in its inbox and marks as read."
    />
  );
}
