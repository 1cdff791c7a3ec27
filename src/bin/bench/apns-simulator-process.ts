/**
 * The APNs simulator as a process of its own for `npm run bench:push`, so it does not share an
 * event loop with what it measures: counts only (no payloads kept), real provider-token checks.
 * Sends `{url}` over IPC when it listens; stops on SIGTERM.
 */
import { startApnsSimulator } from "@/cli/simulators/apns-simulator";

const simulator = await startApnsSimulator({ host: "127.0.0.1", keepPayloads: false });
process.send?.({ url: simulator.url });
process.once("SIGTERM", () => void simulator.stop().then(() => process.exit(0)));
