/**
 * The other face of target leakage: preprocessing fitted on rows it is later scored on. Each
 * fitted step (imputer, encoder, scaler, target encoder, feature selector, model) records the
 * rows it learned from; none of them may include a holdout row. Pure: row lists in, findings out.
 */

export interface FittedStep {
  /** "target encoder of city", "standard scaler", "gbdt fold 3"… */
  name: string;
  /** Row indexes (into the prepared data) the step was fitted on. */
  fittedOn: ArrayLike<number>;
}

export interface FitRowsFinding {
  step: string;
  /** Holdout rows the step saw while fitting. */
  holdoutRowsSeen: number;
  message: string;
}

/** Every step that was fitted on at least one of `holdout`'s rows. */
export function checkFitRows(steps: readonly FittedStep[], holdout: ArrayLike<number>): FitRowsFinding[] {
  const inHoldout = new Set<number>();
  for (let i = 0; i < holdout.length; i++) inHoldout.add(holdout[i]);
  const out: FitRowsFinding[] = [];
  for (const step of steps) {
    let seen = 0;
    for (let i = 0; i < step.fittedOn.length; i++) if (inHoldout.has(step.fittedOn[i])) seen++;
    if (seen > 0) out.push({ step: step.name, holdoutRowsSeen: seen, message: `Leak: ${step.name} was fitted on ${seen} of the ${inHoldout.size} holdout rows, so the holdout score is optimistic. Fit it on training rows only.` });
  }
  return out;
}
