import type { ReactNode } from "react";

import { cx } from "./cx";

export type BadgeTone = "neutral" | "green" | "red" | "amber" | "blue" | "violet";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  violet: "bg-violet-50 text-violet-800 ring-violet-200",
};

/** `wrap`: a long badge may break over lines (in a table cell that must fit a narrow page). */
export function Badge({ tone = "neutral", children, className, title, wrap = false }: { tone?: BadgeTone; children: ReactNode; className?: string; title?: string; wrap?: boolean }) {
  return (
    <span
      title={title}
      className={cx("inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", wrap ? "whitespace-normal" : "whitespace-nowrap", TONES[tone], className)}
    >
      {children}
    </span>
  );
}
