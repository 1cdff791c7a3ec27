import { cx } from "./cx";

/** A quiet loading line; aria-busy on the region tells assistive tech to wait. */
export function Loading({ label = "Loading…", className }: { label?: string; className?: string }) {
  return (
    <p role="status" aria-busy="true" className={cx("py-4 text-sm text-slate-600", className)}>
      {label}
    </p>
  );
}
