/** Roles typed as one line: separated by commas, spaces or both, duplicates dropped. */
export function splitRoles(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
