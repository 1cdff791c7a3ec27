/** Joins class names, skipping empty ones (keeps conditional Tailwind classes readable). */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
