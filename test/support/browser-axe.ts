import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: Promise<string> | null = null;

/** Runs axe-core in the page and returns the serious and critical findings (see accessibilityFindings). */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  const findings = await accessibilityFindings(page);
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/**
 * Runs axe-core in the page and returns every violation, whatever its impact. The source is evaluated
 * through the DevTools protocol, which the page's CSP does not govern, so the kiosk keeps its real
 * CSP while it is audited.
 */
export async function accessibilityFindings(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  const present = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(source);
  const findings = await page.evaluate(async () => {
    // Runs in the page; the test tsconfig has no DOM types, so name just what is used.
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<AxeResults> }; document: unknown };
    interface AxeResults {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
  return findings;
}
