import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/console/not-built-yet";

export const metadata: Metadata = { title: "Telemetry" };

export default function TelemetryPage() {
  return (
    <NotBuiltYet
      area="Telemetry"
      purpose="Active users and usage of registrations, operations and push over time, in charts."
    />
  );
}
