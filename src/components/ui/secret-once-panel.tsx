"use client";

import { type ReactNode, useId } from "react";

import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { cx } from "./cx";

export interface SecretItem {
  /** Visible label, also the field's accessible name (tests read values with getByLabel). */
  label: string;
  value: string;
  multiline?: boolean;
}

/**
 * Shows a secret right after it was made. The server keeps only a hash, so this is the one
 * moment it exists in readable form; the panel says so and stays until the user dismisses it.
 */
export function SecretOncePanel({
  title,
  items,
  children,
  onDone,
  headingLevel = 2,
}: {
  title: string;
  items: SecretItem[];
  children?: ReactNode;
  onDone: () => void;
  /** 2 on a page under its h1, 3 inside a titled section: heading levels must not skip. */
  headingLevel?: 2 | 3;
}) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={headingId} data-testid="secret-once" className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <Heading id={headingId} className="text-sm font-semibold text-amber-950">
        {title}
      </Heading>
      <p className="mt-1 text-sm text-amber-900">
        Copy it now and keep it somewhere safe: <strong>it will not be shown again.</strong>
      </p>
      <div className="mt-3 space-y-2">
        {items.map((item) => (
          <SecretRow key={item.label} item={item} />
        ))}
      </div>
      {children ? <div className="mt-3 space-y-2 text-sm text-amber-950">{children}</div> : null}
      <div className="mt-3 flex justify-end">
        <Button variant="primary" onClick={onDone}>
          Done, I have stored it
        </Button>
      </div>
    </section>
  );
}

function SecretRow({ item }: { item: SecretItem }) {
  const id = useId();
  const labelId = useId();
  const classes = cx(
    "block w-full min-w-0 rounded-md border border-amber-300 bg-white px-2.5 font-mono text-xs text-slate-900",
    "focus:outline-2 focus:outline-blue-600/30",
  );
  return (
    <div>
      <label id={labelId} htmlFor={id} className="mb-1 block text-xs font-medium text-amber-950">
        {item.label}
      </label>
      <div className="flex items-start gap-2">
        {item.multiline ? (
          <textarea id={id} readOnly value={item.value} rows={2} className={cx(classes, "py-1.5")} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} readOnly value={item.value} className={cx(classes, "h-8")} onFocus={(e) => e.currentTarget.select()} />
        )}
        <CopyButton value={item.value} describedBy={labelId} size="md" />
      </div>
    </div>
  );
}
