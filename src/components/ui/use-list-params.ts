"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";

type ParamValue = string | number;

export interface ListParamsSpec<D extends { [K in keyof D]: ParamValue }> {
  /** Every parameter with its default; a default never appears in the URL. */
  defaults: D;
  /** Allowed values of enumerated parameters; anything else in the URL reads as the default. */
  choices?: { [K in keyof D]?: readonly D[K][] };
  /** Prefixes the URL names, for a second list on one page ("cred.page"). */
  prefix?: string;
}

/**
 * A list's page, search, filters and sort, kept in the URL: Back, a reload and a shared link all
 * show the same rows. Values are read from the query string (falling back to the defaults for
 * missing or bad ones) and written with router.replace, so typing in a search box does not pile
 * up history entries. Changing anything but the page goes back to page 1.
 */
export function useListParams<D extends { [K in keyof D]: ParamValue }>({ defaults, choices, prefix = "" }: ListParamsSpec<D>) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  // The query string last asked for. router.replace lands a moment later, so two quick changes
  // (choosing a scope, then an application) must build on the first, not on the URL still shown.
  // A request that never landed (Back came first) stops counting after a couple of seconds.
  const requested = useRef<{ query: string; at: number } | null>(null);
  const current = searchParams.toString();
  useEffect(() => {
    if (requested.current?.query === current) requested.current = null;
  }, [current]);

  const values = useMemo(() => {
    const read = {} as D;
    for (const key of Object.keys(defaults) as (keyof D & string)[]) {
      const fallback: ParamValue = defaults[key];
      const raw = searchParams.get(prefix + key);
      let value: ParamValue = fallback;
      if (raw !== null) {
        if (typeof fallback === "number") {
          const number = Number(raw);
          value = Number.isSafeInteger(number) && number >= 1 ? number : fallback;
        } else {
          value = raw;
        }
      }
      const allowed = choices?.[key];
      if (allowed && !allowed.includes(value as D[typeof key])) value = fallback;
      read[key] = value as D[typeof key];
    }
    return read;
  }, [searchParams, defaults, choices, prefix]);

  const update = useCallback(
    (patch: Partial<D>) => {
      const pending = requested.current && Date.now() - requested.current.at < 2_000 ? requested.current.query : null;
      const next = new URLSearchParams(pending ?? current);
      const resetsPage = Object.keys(patch).some((key) => key !== "page") && "page" in defaults && !("page" in patch);
      const merged: Partial<D> = resetsPage ? { ...patch, page: defaults.page } : patch;
      for (const [key, value] of Object.entries(merged)) {
        if (value === undefined || value === defaults[key as keyof D] || value === "") next.delete(prefix + key);
        // List parameters are strings and numbers (ListParamsSpec).
        // eslint-disable-next-line @typescript-eslint/no-base-to-string
        else next.set(prefix + key, String(value));
      }
      const query = next.toString();
      requested.current = query === current ? null : { query, at: Date.now() };
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [current, defaults, prefix, pathname, router],
  );

  return [values, update] as const;
}
