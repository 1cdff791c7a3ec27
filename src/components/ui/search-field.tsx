"use client";

import { useEffect, useRef, useState } from "react";

import { TextField } from "./text-field";
import { useDebouncedValue } from "./use-debounced-value";

/**
 * A search box over a list whose search lives in the URL. It keeps what is typed locally and
 * commits it once typing pauses, so the URL (and the query) do not change on every key; when the
 * URL changes from outside (Back, a link), the box follows.
 */
export function SearchField({
  label,
  value,
  onCommit,
  placeholder,
  className,
}: {
  label: string;
  /** The search in effect (from the URL). */
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
  className?: string;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // Adjusting state while rendering (React's advice over an effect) when the URL moved under us.
  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }

  const debounced = useDebouncedValue(text.trim());
  const committed = useRef({ debounced, value, onCommit });
  useEffect(() => {
    committed.current.value = value;
    committed.current.onCommit = onCommit;
  });
  useEffect(() => {
    // Only a change of what was typed commits; a stale debounced value must not undo a Back.
    if (debounced === committed.current.debounced) return;
    committed.current.debounced = debounced;
    if (debounced !== committed.current.value) committed.current.onCommit(debounced);
  }, [debounced]);

  return (
    <TextField
      label={label}
      type="search"
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      className={className}
      autoComplete="off"
      maxLength={200}
    />
  );
}
