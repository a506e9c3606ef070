/**
 * Keeps each evaluated candidate's out-of-fold predictions on disk beside the run
 * (`runs/ID/evaluations/TASK.json` + `.f64`), written before its trial is recorded, so an
 * interrupted run can be resumed with its leaderboard — and the ensemble phase's inputs — intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Prediction } from '../ml/prediction';
import type { Candidate, EvaluatedCandidate } from './run-state';

interface EvaluationHeader {
  format: 'mlestar.evaluation';
  version: 1;
  candidate: Candidate;
  cvScore: number;
  cvStd: number;
  foldFitMs?: number;
  foldRounds?: number[];
  prediction: { task: Prediction['task']; classes: string[] | null; length: number };
}

const dirOf = (runDir: string): string => path.join(runDir, 'evaluations');

export function saveEvaluation(runDir: string, taskId: number, evaluated: EvaluatedCandidate): void {
  const dir = dirOf(runDir);
  fs.mkdirSync(dir, { recursive: true });
  const values = evaluated.oof.task === 'regression' ? evaluated.oof.value : evaluated.oof.proba;
  const header: EvaluationHeader = {
    format: 'mlestar.evaluation',
    version: 1,
    candidate: evaluated.candidate,
    cvScore: evaluated.cvScore,
    cvStd: evaluated.cvStd,
    foldFitMs: evaluated.foldFitMs,
    foldRounds: evaluated.foldRounds,
    prediction: { task: evaluated.oof.task, classes: evaluated.oof.task === 'regression' ? null : evaluated.oof.classes, length: values.length },
  };
  const base = path.join(dir, String(taskId));
  fs.writeFileSync(`${base}.f64.partial`, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  fs.renameSync(`${base}.f64.partial`, `${base}.f64`);
  fs.writeFileSync(`${base}.json.partial`, JSON.stringify(header));
  fs.renameSync(`${base}.json.partial`, `${base}.json`);
}

/** The evaluation recorded by task `taskId`, or null when it is missing or unreadable. */
export function loadEvaluation(runDir: string, taskId: number): EvaluatedCandidate | null {
  const base = path.join(dirOf(runDir), String(taskId));
  if (!fs.existsSync(`${base}.json`) || !fs.existsSync(`${base}.f64`)) return null;
  const header = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as EvaluationHeader;
  const bytes = fs.readFileSync(`${base}.f64`);
  if (header.format !== 'mlestar.evaluation' || bytes.byteLength !== header.prediction.length * 8) return null;
  const values = new Float64Array(header.prediction.length);
  new Uint8Array(values.buffer).set(bytes);
  const oof: Prediction =
    header.prediction.task === 'regression'
      ? { task: 'regression', value: values }
      : { task: header.prediction.task, classes: header.prediction.classes ?? [], proba: values };
  return { candidate: header.candidate, cvScore: header.cvScore, cvStd: header.cvStd, oof, foldFitMs: header.foldFitMs, ...(header.foldRounds ? { foldRounds: header.foldRounds } : {}) };
}
