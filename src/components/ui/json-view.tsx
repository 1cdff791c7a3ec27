/** Pretty JSON for reading (audit before/after, configuration values). */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      role="group"
      aria-label={label}
      // Focusable so a long value can be scrolled by keyboard.
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs leading-5 whitespace-pre-wrap break-all text-slate-800"
    >
      {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
    </pre>
  );
}
