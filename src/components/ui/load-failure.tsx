"use client";

import { describeError } from "@/components/trpc/describe-error";

import { Button } from "./button";
import { cx } from "./cx";

/**
 * What a failed load shows: the reason in plain words and a Retry. `what` names what failed
 * ("the credentials"), so the line makes sense out of context.
 */
export function LoadFailure({
  error,
  what,
  onRetry,
  retrying,
  className,
}: {
  error: unknown;
  what: string;
  onRetry: () => void;
  retrying?: boolean;
  className?: string;
}) {
  const { message, network } = describeError(error);
  return (
    <div
      data-testid="load-failure"
      className={cx("flex flex-wrap items-center justify-center gap-x-3 gap-y-2 text-sm text-red-800", className)}
    >
      <p>
        <span className="font-medium">Could not load {what}.</span> {message}
        {network ? null : " Retrying may help if the problem was passing."}
      </p>
      <Button size="sm" onClick={onRetry} pending={retrying} pendingText="Retrying…">
        Retry
      </Button>
    </div>
  );
}

/** LoadFailure in a box, for a page or section that could not load. */
export function LoadFailurePanel(props: Parameters<typeof LoadFailure>[0]) {
  return (
    <div role="group" aria-label="Load failed" className="rounded-md border border-red-200 bg-red-50 px-3 py-3">
      <LoadFailure {...props} className={cx("justify-start", props.className)} />
    </div>
  );
}
