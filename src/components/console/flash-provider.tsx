"use client";

import { usePathname } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

import { Flash, type Tone } from "@/components/ui/notice";

interface FlashMessage {
  tone: Tone;
  message: ReactNode;
  /** The page it belongs to: leaving that page drops it, so no stale message follows the user. */
  path: string;
}

interface FlashApi {
  /** `path` defaults to the current page; pass the target when the action navigates. */
  showFlash: (message: ReactNode, options?: { tone?: Tone; path?: string }) => void;
  clearFlash: () => void;
}

const FlashContext = createContext<{ api: FlashApi; flash: FlashMessage | null } | null>(null);

export function FlashProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [flash, setFlash] = useState<FlashMessage | null>(null);
  const [shownPath, setShownPath] = useState(pathname);

  // Leaving the page drops its message (adjusting state while rendering, as React recommends
  // over an effect); a message aimed at the page we arrive on survives.
  if (pathname !== shownPath) {
    setShownPath(pathname);
    if (flash && flash.path !== pathname) setFlash(null);
  }

  const showFlash = useCallback<FlashApi["showFlash"]>(
    (message, options) => setFlash({ message, tone: options?.tone ?? "success", path: options?.path ?? pathname }),
    [pathname],
  );
  const clearFlash = useCallback(() => setFlash(null), []);
  const value = useMemo(() => ({ api: { showFlash, clearFlash }, flash }), [showFlash, clearFlash, flash]);
  return <FlashContext.Provider value={value}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashApi {
  const context = useContext(FlashContext);
  if (!context) throw new Error("useFlash needs a FlashProvider");
  return context.api;
}

/** Where the current page's flash message appears (top of the main area). */
export function FlashOutlet() {
  const context = useContext(FlashContext);
  const pathname = usePathname();
  const flash = context?.flash;
  if (!flash || flash.path !== pathname) return null;
  return (
    <div className="mb-4">
      <Flash tone={flash.tone} onDismiss={context.api.clearFlash}>
        {flash.message}
      </Flash>
    </div>
  );
}
