import { useState, type FormEvent } from 'react';
import type { DatasetDetail, MetricName, RunDevice, RunGoals, TargetAnalysis, TaskKind } from '../../../shared/domain';
import { TASK_KINDS } from '../../../shared/domain';
import { startRun } from '../../actions/runs';
import { guessTask } from '../../lib/guessTask';
import { LIMITS, METRIC_LABELS, metricsFor } from '../../lib/runSettings';
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

/** An optional goal field: empty is no goal; otherwise a number (positive unless `anySign`). */
function parseGoal(text: string, anySign = false): { value?: number; error: string | null } {
  if (text.trim() === '') return { error: null };
  const v = Number(text);
  if (!Number.isFinite(v) || (!anySign && v <= 0)) return { error: anySign ? 'A number, or empty for no goal.' : 'A positive number, or empty for no goal.' };
  return { value: v, error: null };
}

const GOAL_FIELDS: { key: keyof RunGoals; label: string; hint: string; anySign?: boolean }[] = [
  { key: 'score', label: 'Score goal', hint: 'holdout metric to reach', anySign: true },
  { key: 'latencyP95Ms', label: 'Latency goal (ms, p95)', hint: 'one row through model.onnx' },
  { key: 'modelSizeMB', label: 'Model size goal (MB)', hint: 'model.onnx on disk' },
  { key: 'peakMemoryMB', label: 'Memory goal (MB)', hint: 'peak while scoring' },
];

export function RunSetupForm({ dataset, target, onTargetChange, analysis }: Props) {
  const [task, setTask] = useState<TaskKind | 'auto'>('auto');
  const [budget, setBudget] = useState('60');
  const [seed, setSeed] = useState('42');
  const [goalText, setGoalText] = useState<Record<keyof RunGoals, string>>({ score: '', latencyP95Ms: '', modelSizeMB: '', peakMemoryMB: '' });
  const starting = useStudio((s) => s.busy.start);
  const gpu = useStudio((s) => s.info?.gpu);
  const [metric, setMetric] = useState<MetricName | 'default'>('default');
  const [device, setDevice] = useState<RunDevice>('cpu');
  const [folds, setFolds] = useState('');
  const [rounds, setRounds] = useState('');
  const [attempts, setAttempts] = useState('');
  const [ensemble, setEnsemble] = useState(true);
  const [refitAll, setRefitAll] = useState(true);

  const columns = dataset.profile.length > 0 ? dataset.profile.map((c) => c.name) : dataset.preview.columns;
  const budgetValue = parseIntStrict(budget);
  const seedValue = parseIntStrict(seed);
  const budgetError =
    budgetValue === null || budgetValue < MIN_BUDGET || budgetValue > MAX_BUDGET ? `Whole seconds from ${MIN_BUDGET} to ${MAX_BUDGET}.` : null;
  const seedError = seedValue === null || seedValue > MAX_SEED ? `A whole number from 0 to ${MAX_SEED}.` : null;
  const goalParse = Object.fromEntries(GOAL_FIELDS.map((f) => [f.key, parseGoal(goalText[f.key], f.anySign)])) as Record<keyof RunGoals, ReturnType<typeof parseGoal>>;
  const goalError = GOAL_FIELDS.some((f) => goalParse[f.key].error !== null);
  const goals: RunGoals = {};
  for (const f of GOAL_FIELDS) {
    const v = goalParse[f.key].value;
    if (v !== undefined) goals[f.key] = v;
  }
  const guess =
    analysis && analysis.target === target ? { task: analysis.task, why: analysis.taskReason } : guessTask(dataset.profile.find((c) => c.name === target));
  const isSuggested = target === dataset.suggestedTarget;
  const effectiveTask: TaskKind | null = task === 'auto' ? (guess?.task ?? null) : task;
  const metricChoices = effectiveTask ? metricsFor(effectiveTask) : [];
  // A metric picked for another task no longer applies: back to the task's default.
  const metricValue: MetricName | 'default' = metric !== 'default' && metricChoices.includes(metric) ? metric : 'default';
  const intSetting = (text: string, { min, max }: { min: number; max: number }): { value?: number; error: string | null } => {
    if (text.trim() === '') return { error: null };
    const v = parseIntStrict(text);
    return v === null || v < min || v > max ? { error: `A whole number from ${min} to ${max}, or empty for the default.` } : { value: v, error: null };
  };
  const foldsParse = intSetting(folds, LIMITS.cvFolds);
  const roundsParse = intSetting(rounds, LIMITS.refinementRounds);
  const attemptsParse = intSetting(attempts, LIMITS.refinementAttempts);
  const advancedError = !!(foldsParse.error || roundsParse.error || attemptsParse.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (budgetError || seedError || goalError || advancedError || !target || budgetValue === null || seedValue === null) return;
    void startRun({
      datasetId: dataset.id,
      target,
      ...(task === 'auto' ? {} : { task }),
      budgetSeconds: budgetValue,
      seed: seedValue,
      ...(Object.keys(goals).length > 0 ? { goals } : {}),
      ...(metricValue !== 'default' ? { metric: metricValue } : {}),
      ...(foldsParse.value !== undefined ? { cvFolds: foldsParse.value } : {}),
      ...(roundsParse.value !== undefined ? { refinementRounds: roundsParse.value } : {}),
      ...(attemptsParse.value !== undefined ? { refinementAttempts: attemptsParse.value } : {}),
      ...(ensemble ? {} : { ensemble: false }),
      ...(refitAll ? {} : { refitOnAllRows: false }),
      ...(device === 'gpu' ? { device } : {}),
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
          <span className="field-label">Metric</span>
          <select value={metricValue} onChange={(e) => setMetric(e.target.value as MetricName | 'default')} data-testid="metric-select">
            <option value="default">default{metricChoices[0] ? ` (${metricChoices[0]})` : ''}</option>
            {metricChoices.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <span className="field-hint">{metricValue !== 'default' ? METRIC_LABELS[metricValue] : effectiveTask ? `The ${effectiveTask} default: ${METRIC_LABELS[metricChoices[0]]}` : 'Chosen with the task'}</span>
        </label>
        <label className="field">
          <span className="field-label">Device</span>
          <select value={device} onChange={(e) => setDevice(e.target.value as RunDevice)} data-testid="device-select">
            <option value="cpu">CPU</option>
            <option value="gpu" disabled={!gpu?.available}>
              GPU (CUDA){gpu?.available ? '' : ' — not available'}
            </option>
          </select>
          <span className="field-hint" data-testid="device-reason">
            {gpu ? (gpu.available ? 'GPU trains the linear and MLP models; trees always train on the CPU.' : gpu.reason) : 'Checking for a GPU…'}
          </span>
        </label>
      </div>

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

      <details className="goals" data-testid="goals">
        <summary>Goals (optional): the report says whether each was met</summary>
        <div className="field-row">
          {GOAL_FIELDS.map((f) => (
            <label className="field" key={f.key}>
              <span className="field-label">{f.label}</span>
              <input
                type="number"
                inputMode="decimal"
                value={goalText[f.key]}
                placeholder="none"
                onChange={(e) => setGoalText({ ...goalText, [f.key]: e.target.value })}
                aria-invalid={goalParse[f.key].error !== null}
                data-testid={`goal-${f.key}`}
              />
              {goalParse[f.key].error ? <span className="field-error">{goalParse[f.key].error}</span> : <span className="field-hint">{f.hint}</span>}
            </label>
          ))}
        </div>
      </details>

      <details className="goals" data-testid="advanced-settings">
        <summary>Advanced settings of each phase (empty = the workflow decides from the budget)</summary>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Foundation: CV folds</span>
            <input type="number" inputMode="numeric" min={LIMITS.cvFolds.min} max={LIMITS.cvFolds.max} value={folds} placeholder="auto (5)" onChange={(e) => setFolds(e.target.value)} aria-invalid={!!foldsParse.error} data-testid="setting-cvFolds" />
            {foldsParse.error ? <span className="field-error">{foldsParse.error}</span> : <span className="field-hint">every candidate is cross-validated on these folds</span>}
          </label>
          <label className="field">
            <span className="field-label">Refinement: rounds (T)</span>
            <input type="number" inputMode="numeric" min={LIMITS.refinementRounds.min} max={LIMITS.refinementRounds.max} value={rounds} placeholder="auto" onChange={(e) => setRounds(e.target.value)} aria-invalid={!!roundsParse.error} data-testid="setting-refinementRounds" />
            {roundsParse.error ? <span className="field-error">{roundsParse.error}</span> : <span className="field-hint">ablation + refine the block that matters most, at most this many times</span>}
          </label>
          <label className="field">
            <span className="field-label">Refinement: attempts per round (K)</span>
            <input type="number" inputMode="numeric" min={LIMITS.refinementAttempts.min} max={LIMITS.refinementAttempts.max} value={attempts} placeholder="auto" onChange={(e) => setAttempts(e.target.value)} aria-invalid={!!attemptsParse.error} data-testid="setting-refinementAttempts" />
            {attemptsParse.error ? <span className="field-error">{attemptsParse.error}</span> : <span className="field-hint">TPE trials inside the chosen block</span>}
          </label>
          <label className="field field-check">
            <span className="field-label">Ensemble</span>
            <span>
              <input type="checkbox" checked={ensemble} onChange={(e) => setEnsemble(e.target.checked)} data-testid="setting-ensemble" /> try voting, stacking and greedy ensembles
            </span>
            <span className="field-hint">off: the best single model is kept</span>
          </label>
          <label className="field field-check">
            <span className="field-label">Final refit</span>
            <span>
              <input type="checkbox" checked={refitAll} onChange={(e) => setRefitAll(e.target.checked)} data-testid="setting-refitOnAllRows" /> refit the chosen models on every row before export
            </span>
            <span className="field-hint">off: export the models the holdout scored (trained without the holdout rows)</span>
          </label>
        </div>
      </details>

      <button type="submit" className="btn btn-primary btn-lg" disabled={!!starting || !!budgetError || !!seedError || goalError || advancedError || !target} data-testid="start-run">
        {starting ? 'Starting…' : 'Start run'}
      </button>
    </form>
  );
}
