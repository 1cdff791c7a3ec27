import type { Metadata } from "next";

import { PushMessagesView } from "./_components/push-messages-view";

export const metadata: Metadata = { title: "Push message log" };

export default function PushMessagesPage() {
  return <PushMessagesView />;
}
