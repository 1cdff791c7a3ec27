import { CopyButton } from "./copy-button";
import { cx } from "./cx";

/**
 * A long machine value (key, hash, config string) on one line, cut with an ellipsis, the whole
 * value in its title, with a copy button: the copy is the way to use it, not reading it.
 */
export function CodeValue({
  value,
  label,
  truncate = true,
  className,
}: {
  value: string;
  /** What it is, for the copy button's name, e.g. "master server public key". */
  label: string;
  truncate?: boolean;
  className?: string;
}) {
  return (
    <span className={cx("flex min-w-0 items-center gap-2", className)}>
      <code
        title={truncate ? value : undefined}
        className={cx("min-w-0 font-mono text-xs text-slate-800", truncate ? "truncate" : "break-all")}
      >
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </span>
  );
}
