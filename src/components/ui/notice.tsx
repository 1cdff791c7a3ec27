import type { ReactNode } from "react";

import { cx } from "./cx";

export type Tone = "info" | "success" | "warning" | "error";

const TONES: Record<Tone, string> = {
  info: "border-blue-200 bg-blue-50 text-blue-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-900",
};

/** A calm box for static explanations and results. */
export function Notice({ tone = "info", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return <div className={cx("rounded-md border px-3 py-2 text-sm", TONES[tone], className)}>{children}</div>;
}

/**
 * The page-level message after an action. role="status" rather than "alert": Next's route
 * announcer already owns role="alert", and tests find this one by its test id.
 */
export function Flash({
  tone,
  children,
  onDismiss,
}: {
  tone: Tone;
  children: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div role="status" data-testid="flash" data-tone={tone} className={cx("flex items-start gap-3 rounded-md border px-3 py-2 text-sm", TONES[tone])}>
      <div className="min-w-0 flex-1 break-words">{children}</div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          className="-my-0.5 shrink-0 rounded px-1.5 text-xs font-medium hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

/** A server or validation error next to the form that caused it. */
export function InlineError({ error, className }: { error?: string | null; className?: string }) {
  if (!error) return null;
  return (
    <p className={cx("mt-2 text-sm text-red-700", className)} data-testid="form-error">
      {error}
    </p>
  );
}
