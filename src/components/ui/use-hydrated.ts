"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while React hydrates, true once the page's handlers are attached. Buttons
 * stay disabled until then: a click before hydration would do nothing (or submit a form the
 * browser's way, as a GET with its fields in the address), and tests that click as soon as a button
 * is visible wait for it to be enabled.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
