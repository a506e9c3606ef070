import { describe, expect, it } from 'vitest';
import { checkFitRows } from '../../../../src/main/workflow/checks/fit-rows';

describe('preprocessing fitted on holdout rows', () => {
  it('flags only the steps that saw holdout rows, with the count', () => {
    const holdout = [8, 9];
    const findings = checkFitRows(
      [
        { name: 'standard scaler', fittedOn: [0, 1, 2, 3, 4, 5, 6, 7] },
        { name: 'target encoder of city', fittedOn: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
      ],
      holdout,
    );
    expect(findings).toEqual([{ step: 'target encoder of city', holdoutRowsSeen: 2, message: 'Leak: target encoder of city was fitted on 2 of the 2 holdout rows, so the holdout score is optimistic. Fit it on training rows only.' }]);
    expect(checkFitRows([], holdout)).toEqual([]);
  });
});
