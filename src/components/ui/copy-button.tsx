"use client";

import { useEffect, useState } from "react";

import { Button } from "./button";

/**
 * Copies a value to the clipboard. The Clipboard API exists only in secure contexts, and a
 * console is often opened over plain http on an internal host, so there is a fallback.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy way
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * `label` names what is copied ("Copy app key of version default"). Next to a labelled field, pass
 * `describedBy` (the label's id) instead: the button is then just "Copy", so getByLabel finds
 * only the field.
 */
export function CopyButton({
  value,
  label,
  describedBy,
  size = "sm",
}: {
  value: string;
  label?: string;
  describedBy?: string;
  size?: "sm" | "md";
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <Button
      size={size}
      variant="secondary"
      aria-label={label ? `Copy ${label}` : undefined}
      aria-describedby={describedBy}
      onClick={async () => setState((await copyText(value)) ? "copied" : "failed")}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
    </Button>
  );
}
