/**
 * zod, configured once for every contract in src/schemas (import `z` from here, not from "zod").
 * In the browser zod would probe `new Function` once to decide whether to compile schemas; the
 * console's Content-Security-Policy (no unsafe-eval) blocks it and the probe shows up as a
 * violation. The interpreted path is as correct, and fast enough for forms.
 */
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
