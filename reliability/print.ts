import type { Figure } from './figure.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

/** The human table: one block per section, a verdict per target, notes underneath. */
export function printFigures(figures: Figure[], run: { quick: boolean; seconds: number }): void {
  const out: string[] = [`sspr-kiosk reliability suite${run.quick ? ' (QUICK run)' : ''}: ${run.seconds} s`, ''];
  const rows: string[][] = [['section', 'figure', 'value', 'target', 'verdict']];
  for (const item of figures) {
    rows.push([item.section, item.name, String(item.value), item.target ?? '', item.ok === null ? '' : item.ok ? 'met' : 'NOT MET']);
  }
  out.push(table(rows), '');
  for (const item of figures.filter((candidate) => candidate.note !== undefined)) out.push(`- ${item.section} / ${item.name}: ${item.note}`);
  const missed = figures.filter((item) => item.ok === false).length;
  out.push('', missed === 0 ? 'All targets met.' : `${missed} target(s) NOT met.`);
  process.stdout.write(`${out.join('\n')}\n`);
}
