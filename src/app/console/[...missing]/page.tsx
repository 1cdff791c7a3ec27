import { notFound } from "next/navigation";

/**
 * Any /console address no page claims. Without this catch-all Next would answer with the root
 * 404 page, outside the console frame; calling notFound() here renders console/not-found.tsx
 * inside it, with the navigation still there.
 */
export default function MissingConsolePage() {
  notFound();
}
