import { useState, type FormEvent } from 'react';
import type { DatasetDetail, TargetAnalysis, TaskKind } from '../../../shared/domain';
import { TASK_KINDS } from '../../../shared/domain';
import { startRun } from '../../actions/runs';
import { guessTask } from '../../lib/guessTask';
import { useStudio } from '../../store';

const MIN_BUDGET = 5;
const MAX_BUDGET = 24 * 3600;
const MAX_SEED = 2 ** 31 - 1;

interface Props {
  dataset: DatasetDetail;
  target: string;
  onTargetChange(target: string): void;
  /** The target's analysis once it is here (it says what "auto" will pick). */
  analysis?: TargetAnalysis | null;
}

const parseIntStrict = (s: string): number | null => (/^\s*\d+\s*$/.test(s) ? Number(s) : null);

export function RunSetupForm({ dataset, target, onTargetChange, analysis }: Props) {
  const [task, setTask] = useState<TaskKind | 'auto'>('auto');
  const [budget, setBudget] = useState('60');
  const [seed, setSeed] = useState('42');
  const starting = useStudio((s) => s.busy.start);

  const columns = dataset.profile.length > 0 ? dataset.profile.map((c) => c.name) : dataset.preview.columns;
  const budgetValue = parseIntStrict(budget);
  const seedValue = parseIntStrict(seed);
  const budgetError =
    budgetValue === null || budgetValue < MIN_BUDGET || budgetValue > MAX_BUDGET ? `Whole seconds from ${MIN_BUDGET} to ${MAX_BUDGET}.` : null;
  const seedError = seedValue === null || seedValue > MAX_SEED ? `A whole number from 0 to ${MAX_SEED}.` : null;
  const guess =
    analysis && analysis.target === target ? { task: analysis.task, why: analysis.taskReason } : guessTask(dataset.profile.find((c) => c.name === target));
  const isSuggested = target === dataset.suggestedTarget;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (budgetError || seedError || !target || budgetValue === null || seedValue === null) return;
    void startRun({
      datasetId: dataset.id,
      target,
      ...(task === 'auto' ? {} : { task }),
      budgetSeconds: budgetValue,
      seed: seedValue,
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <label className="field">
        <span className="field-label">Target column (what to predict)</span>
        <select value={target} onChange={(e) => onTargetChange(e.target.value)} data-testid="target-select">
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
              {c === dataset.suggestedTarget ? ' (suggested)' : ''}
            </option>
          ))}
        </select>
        <span className="field-hint" data-testid="target-reason">
          {isSuggested
            ? dataset.suggestedTargetReason || 'Suggested by the profiler.'
            : dataset.suggestedTarget
              ? `The profiler suggested ${dataset.suggestedTarget}: ${dataset.suggestedTargetReason}`
              : 'The profiler had no suggestion; pick the column to predict.'}
        </span>
      </label>

      <label className="field">
        <span className="field-label">Task</span>
        <select value={task} onChange={(e) => setTask(e.target.value as TaskKind | 'auto')} data-testid="task-select">
          <option value="auto">auto{guess ? ` (${guess.task})` : ''}</option>
          {TASK_KINDS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {task === 'auto' && guess && <span className="field-hint">Looks like {guess.task}: {guess.why.replace(/\.$/, '')}.</span>}
      </label>

      <div className="field-row">
        <label className="field">
          <span className="field-label">Time budget (seconds)</span>
          <input
            type="number"
            inputMode="numeric"
            min={MIN_BUDGET}
            max={MAX_BUDGET}
            step={5}
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
            aria-invalid={!!budgetError}
            data-testid="budget-input"
          />
          {budgetError && <span className="field-error">{budgetError}</span>}
        </label>
        <label className="field">
          <span className="field-label">Seed</span>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_SEED}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            aria-invalid={!!seedError}
            data-testid="seed-input"
          />
          {seedError && <span className="field-error">{seedError}</span>}
        </label>
      </div>

      <button type="submit" className="btn btn-primary btn-lg" disabled={!!starting || !!budgetError || !!seedError || !target} data-testid="start-run">
        {starting ? 'Starting…' : 'Start run'}
      </button>
    </form>
  );
}
