"use client";

import { type RefObject, useEffect } from "react";

/**
 * After a refused submit, moves the focus to the first field marked invalid, so keyboard and
 * screen-reader users land on what to fix (its error is tied to it with aria-describedby).
 * `when` lists what changes on a refusal (the client's findings, the server's error).
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, when: unknown[]): void {
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's triggers are the dependencies
  }, when);
}
