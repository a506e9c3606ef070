/**
 * Batch prediction with an exported profile folder: reads the input CSV as text, feeds the
 * columns the model takes (by name; others, the target included, are ignored), and writes one
 * output row per input row, in order.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import { readProfile } from '../workflow/profile-writer';
import { derivedInputNames, deriveInputColumns } from '../ml/column-schema';
import { parseDecimalComma } from '../ml/io/decimal-comma';
import { OnnxModel, feedsFromText } from '../onnx/runtime';
import { badInput } from '../app/errors';
import type { Prediction } from '../ml/prediction';

export interface PredictResult {
  rows: number;
  output: string;
}

export async function predictFile(profileDir: string, inputPath: string, outputPath: string): Promise<PredictResult> {
  const profile = readProfile(profileDir);
  if (!fs.existsSync(inputPath)) throw badInput(`Cannot read ${inputPath}: it does not exist.`);
  const text = fs.readFileSync(inputPath, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header || header.length === 0) throw badInput(`${inputPath} is empty: it needs a header row and at least one data row.`);
  const transforms = profile.transforms ?? [];
  const derived = new Set(transforms.flatMap(derivedInputNames));
  const rawNames = [...new Set([...profile.inputs.map((i) => i.name).filter((n) => !derived.has(n)), ...transforms.map((t) => t.source)])];
  const missing = rawNames.filter((name) => !header.includes(name)).map((n) => `"${n}"`);
  if (missing.length) throw badInput(`${inputPath} lacks the column(s) ${missing.join(', ')} that the model needs. Its header is: ${header.slice(0, 20).join(', ')}.`);

  const raw: Record<string, (string | null)[]> = {};
  for (const name of rawNames) {
    const index = header.indexOf(name);
    raw[name] = rows.map((row) => (row[index] === undefined || row[index] === '' ? null : row[index]));
  }
  if (parsed.meta.delimiter !== ',') {
    // As at import: where the comma is not the separator, "3,14" is a number with a decimal comma.
    for (const input of profile.inputs) if (input.kind === 'numeric' && raw[input.name]) raw[input.name] = raw[input.name].map(decimalCommaToDot);
  }
  const columns = deriveInputColumns(raw, transforms);
  const model = await OnnxModel.load(`${profileDir}/model.onnx`, { threads: profile.runtime.threads });
  let prediction: Prediction;
  try {
    prediction = await model.predict(feedsFromText(columns, profile.inputs), rows.length, profile.task, profile.classes);
  } finally {
    await model.release();
  }
  fs.writeFileSync(outputPath, Papa.unparse(predictionTable(prediction), { newline: '\n' }) + '\n');
  return { rows: rows.length, output: outputPath };
}

function decimalCommaToDot(cell: string | null): string | null {
  if (cell === null || !cell.includes(',')) return cell;
  const v = parseDecimalComma(cell);
  return Number.isNaN(v) ? cell : String(v);
}

function predictionTable(p: Prediction): { fields: string[]; data: (string | number)[][] } {
  if (p.task === 'regression') return { fields: ['prediction'], data: Array.from(p.value, (v) => [v]) };
  const k = p.classes.length;
  const n = p.proba.length / k;
  const data: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p.proba[i * k + c] > p.proba[i * k + best]) best = c;
    data.push([p.classes[best], ...Array.from(p.proba.subarray(i * k, i * k + k))]);
  }
  return { fields: ['prediction', ...p.classes.map((c) => `proba:${c}`)], data };
}
