"use client";

import type { ReactNode } from "react";

import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";
import { InlineError } from "./notice";

/**
 * Confirmation for a destructive or disruptive action. It always names the object (`objectName`)
 * in its title, so nobody revokes the wrong credential because two rows looked alike.
 */
export function ConfirmDialog({
  open,
  action,
  objectName,
  consequence,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onCancel,
  tone = "danger",
}: {
  open: boolean;
  /** The verb phrase of the title, e.g. "Revoke credential". */
  action: string;
  objectName: string;
  consequence: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  tone?: "danger" | "primary";
}) {
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={
        <>
          {action} <span className="font-mono break-all">“{objectName}”</span>?
        </>
      }
    >
      <div className="text-sm text-slate-700">{consequence}</div>
      <InlineError error={error} />
      <DialogActions>
        <Button onClick={onCancel} disabled={pending} data-autofocus>
          Cancel
        </Button>
        <Button variant={tone === "danger" ? "danger" : "primary"} onClick={onConfirm} pending={pending} pendingText="Working…">
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
