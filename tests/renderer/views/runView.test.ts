/**
 * The Run view mounts a fresh LoadedRun per run. Its throttled copies of the run and its trials
 * (useThrottled keeps the last value for up to 250 ms) would otherwise show the previous run's
 * trials, budget and Cancel button for a moment after switching runs. The renderer tests have no
 * DOM, so this checks the source: the element is keyed by the run's id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/datasets';

describe('Run view', () => {
  it('keys the loaded view by run id, so switching runs never shows the previous run', () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'src/renderer/views/run/RunView.tsx'), 'utf8');
    const uses = source.match(/<LoadedRun\b[^>]*>/g) ?? [];
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/\bkey=\{run\.id\}/);
  });
});
