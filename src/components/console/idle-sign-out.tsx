"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";

import { signOutTo } from "./sign-out";

const STORAGE_KEY = "guardline:last-activity";
const EVENTS = ["mousemove", "mousedown", "keydown", "touchstart", "wheel", "scroll"] as const;
/**
 * The server enforces the idle timeout too and only hears of input through this ping; it allows
 * one interval of lag (ACTIVITY_PING_SECONDS in src/server/auth/session-lifetime.ts).
 */
const ACTIVITY_PING_MS = 60_000;

/**
 * Signs the console out after `idleMinutes` without input, with a warning first. Activity is
 * shared between tabs through localStorage, so working in one tab keeps the others signed in
 * (they share one session cookie anyway). The check runs on a one-second tick against wall-clock
 * time, so a sleeping laptop or a throttled background tab still signs out on wake.
 */
export function IdleSignOut({ idleMinutes }: { idleMinutes: number }) {
  const idleMs = idleMinutes * 60_000;
  // A minute's warning, or half the idle time when that is shorter (tests run with 1 minute).
  const warnMs = Math.min(60_000, idleMs / 2);
  // Set by touch() when the effect starts (reading the clock during render is not allowed).
  const lastActivity = useRef(0);
  const lastStored = useRef(0);
  const lastPinged = useRef(0);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  const touch = useCallback(() => {
    const now = Date.now();
    lastActivity.current = now;
    if (now - lastPinged.current >= ACTIVITY_PING_MS) {
      lastPinged.current = now;
      // Renews the session's last activity on the server (next-auth re-issues the cookie).
      void fetch("/api/auth/session", { cache: "no-store" }).catch(() => undefined);
    }
    // mousemove fires constantly; other tabs only need to hear about it now and then.
    if (now - lastStored.current > 5_000) {
      lastStored.current = now;
      try {
        localStorage.setItem(STORAGE_KEY, String(now));
      } catch {
        // storage can be disabled; this tab still tracks its own activity
      }
    }
  }, []);

  useEffect(() => {
    touch();
    for (const name of EVENTS) window.addEventListener(name, touch, { passive: true, capture: true });

    const tick = setInterval(() => {
      let last = lastActivity.current;
      try {
        last = Math.max(last, Number(localStorage.getItem(STORAGE_KEY)) || 0);
      } catch {
        // as above
      }
      const left = idleMs - (Date.now() - last);
      if (left <= 0) {
        clearInterval(tick);
        void signOutTo("idle");
        return;
      }
      setSecondsLeft(left <= warnMs ? Math.ceil(left / 1000) : null);
    }, 1000);

    return () => {
      clearInterval(tick);
      for (const name of EVENTS) window.removeEventListener(name, touch, { capture: true });
    };
  }, [idleMs, warnMs, touch]);

  if (secondsLeft === null) return null;
  return (
    <section
      aria-label="Inactivity warning"
      data-testid="idle-warning"
      className="fixed right-4 bottom-4 z-50 w-80 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 shadow-lg"
    >
      {/* Announced once; the ticking number below is not, so a screen reader is not flooded. */}
      <p role="status" className="sr-only">
        You will soon be signed out because of inactivity.
      </p>
      <p className="font-semibold">You will be signed out in {secondsLeft} s</p>
      <p className="mt-1 text-amber-900">Nothing happened here for a while. Move the mouse or press a key to stay signed in.</p>
      <div className="mt-3 flex justify-end">
        <Button
          variant="primary"
          onClick={() => {
            touch();
            setSecondsLeft(null);
          }}
        >
          Stay signed in
        </Button>
      </div>
    </section>
  );
}
