import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Figures = Record<string, number | string | boolean>;

/**
 * Figures a suite measured (a seed, how many requests it sent…), for the runners to print. Written
 * as JSON to `$TEST_FIGURES_DIR/<name>.json` when that is set (`npm run test:security` reads them),
 * and always as `line` on stdout for whoever watches the run.
 */
export function reportFigures(name: string, figures: Figures, line?: string): void {
  if (line !== undefined) process.stdout.write(`${line}\n`);
  const dir = process.env['TEST_FIGURES_DIR'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
