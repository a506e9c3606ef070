/**
 * The versioned JSON form of a fitted linear pipeline ('mlestar.pipeline' v1), and its
 * validation. Weights are float32 values written as JSON numbers, which round-trip exactly.
 */
import { z } from 'zod';
import { CATEGORICAL_ENCODINGS, type ColumnTransform, type DesignSpec } from '../preprocess/design';
import { IMPUTATION_STRATEGIES } from '../preprocess/imputer';
import { SCALINGS } from '../preprocess/standardizer';
import type { LinearModel } from './linear-model';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const paramsSchema = z.object({
  learningRate: finite,
  epochs: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  l2: finite,
  imputation: z.enum(IMPUTATION_STRATEGIES).optional(),
  fillValue: finite.optional(),
  missingIndicators: z.boolean().optional(),
  encoding: z.enum(CATEGORICAL_ENCODINGS).optional(),
  rareMinCount: z.number().int().positive().optional(),
  targetSmoothing: finite.optional(),
  maxCategories: z.number().int().nonnegative().optional(),
  scaling: z.enum(SCALINGS).optional(),
  clipQuantile: z.number().gt(0).lt(0.5).optional(),
});

const share = z.object({ share: finite });

export const columnSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('numeric'), name: z.string(), mean: finite, std: finite, fill: finite.optional(), clip: z.object({ low: finite, high: finite }).optional(), indicator: share.optional() }),
  z.object({
    kind: z.literal('categorical'),
    name: z.string(),
    categories: z.array(z.string()),
    frequencies: z.array(finite),
    encoding: z.enum(CATEGORICAL_ENCODINGS).optional(),
    rare: share.optional(),
    lookup: z.object({ values: z.array(z.array(finite)), fallback: z.array(finite) }).optional(),
  }),
]);

export const inputSchema = z.object({ name: z.string(), kind: z.enum(['numeric', 'categorical']) });

/** The fields every family that trains on a design matrix (linear, MLP) writes the same way. */
export const designPipelineFields = {
  format: z.literal('mlestar.pipeline'),
  version: z.literal(1),
  task: z.enum(['binary', 'multiclass', 'regression']),
  classes: z.array(z.string()).nullable(),
  inputs: z.array(inputSchema),
  preprocess: z.object({ columns: z.array(columnSchema) }),
};

export const linearPipelineSchema = z.object({
  ...designPipelineFields,
  family: z.literal('linear'),
  params: paramsSchema,
  model: z.object({
    features: z.number().int().nonnegative(),
    outputs: z.number().int().positive(),
    weights: z.array(finite),
    bias: z.array(finite),
    target: z.object({ mean: finite, std: finite }).nullable(),
  }),
  training: z.object({ losses: z.array(z.number()), executionProvider: z.enum(['cpu', 'cuda']) }),
});

export type LinearPipelineJSON = z.infer<typeof linearPipelineSchema>;

/** The JSON document of a pipeline's parts. */
export function modelToJSON(model: LinearModel): LinearPipelineJSON['model'] {
  return { features: model.features, outputs: model.outputs, weights: Array.from(model.weights), bias: Array.from(model.bias), target: model.target };
}

/** Parses and checks a pipeline document; throws an Error saying what is wrong. */
export function parseLinearPipelineJSON(json: unknown): { doc: LinearPipelineJSON; design: DesignSpec; model: LinearModel } {
  const parsed = linearPipelineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Not a valid linear pipeline document: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const doc = parsed.data;
  const m = doc.model;
  if (m.weights.length !== m.features * m.outputs || m.bias.length !== m.outputs) {
    throw new Error(`Not a valid linear pipeline document: weights hold ${m.weights.length} values for ${m.features}×${m.outputs}.`);
  }
  for (const c of doc.preprocess.columns) {
    if (c.kind === 'categorical' && c.categories.length !== c.frequencies.length) {
      throw new Error(`Not a valid linear pipeline document: column '${c.name}' has ${c.categories.length} categories but ${c.frequencies.length} frequencies.`);
    }
    if (c.kind === 'categorical' && c.lookup && (c.lookup.values.length !== c.lookup.fallback.length || c.lookup.values.some((v) => v.length !== c.categories.length))) {
      throw new Error(`Not a valid linear pipeline document: column '${c.name}' has a lookup that does not match its ${c.categories.length} categories.`);
    }
  }
  const design: DesignSpec = { columns: doc.preprocess.columns.map((c) => withoutUndefined(c)) };
  const model: LinearModel = { features: m.features, outputs: m.outputs, weights: Float32Array.from(m.weights), bias: Float32Array.from(m.bias), target: m.target };
  return { doc, design, model };
}

/** A copy without the optional fields that are absent, so a parsed design equals the fitted one. */
function withoutUndefined(c: LinearPipelineJSON['preprocess']['columns'][number]): ColumnTransform {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as ColumnTransform;
}
