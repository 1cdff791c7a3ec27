/**
 * Accessibility check for a console page: axe-core's full rule set (WCAG A/AA and best
 * practices), failing on any violation. The failure lists each rule with the elements it found,
 * so a report says what to fix without opening the trace.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect } from "../fixtures";

export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe violations on ${where}`).toEqual([]);
}
