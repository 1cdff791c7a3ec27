/**
 * What FCM HTTP v1 and HMS Push Kit share in their Android messages (mapping table in
 * reference/powerauth-products.md §2.5): the notification's text fields under the same names,
 * `data` with string values, and empty fields left out.
 */
import type { PushBody } from "./provider";

/** Drops null, undefined and empty-string fields (the providers refuse some empty values). */
export function compact(source: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== null && value !== undefined && value !== ""));
}

/** `data` holds strings only: strings as they are, anything else as JSON; nulls dropped (§2.5). */
export function toDataStrings(extras: Record<string, unknown> | null | undefined): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(extras ?? {})) {
    if (value !== null && value !== undefined) data[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return data;
}

/** The Android notification's text: title, body, their localisation keys and arguments, sound, icon, and the category as its tag. */
export function androidNotificationText(body: PushBody): Record<string, unknown> {
  return {
    title: body.title,
    body: body.body,
    title_loc_key: body.titleLocKey,
    title_loc_args: body.titleLocArgs,
    body_loc_key: body.bodyLocKey,
    body_loc_args: body.bodyLocArgs,
    sound: body.sound,
    icon: body.icon,
    tag: body.category,
  };
}
