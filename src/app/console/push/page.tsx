import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/console/not-built-yet";

export const metadata: Metadata = { title: "Push" };

export default function PushPage() {
  return (
    <NotBuiltYet
      area="Push"
      purpose="The APNs, FCM and HMS credentials each application sends push notifications with, and the devices registered to receive them."
    />
  );
}
