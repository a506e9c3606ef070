/**
 * The versioned JSON form of a fitted MLP pipeline ('mlestar.pipeline' v1, family 'mlp'), and
 * its validation. Weights are float32 values written as JSON numbers, which round-trip exactly.
 * The preprocessing columns use the linear family's schema (the same design.ts transforms).
 */
import { z } from 'zod';
import { designWidth, type ColumnTransform, type DesignSpec } from '../preprocess/design';
import { designPipelineFields } from './linear-json';
import type { MlpModel } from './mlp-model';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const paramsSchema = z.object({
  hiddenLayers: z.string(),
  activation: z.enum(['relu', 'tanh']),
  learningRate: finite,
  batchSize: z.number().int().positive(),
  epochs: z.number().int().positive(),
  l2: finite,
  validationFraction: finite,
  earlyStoppingRounds: z.number().int().positive(),
});

const layerSchema = z.object({
  inputs: z.number().int().positive(),
  outputs: z.number().int().positive(),
  weights: z.array(finite),
  bias: z.array(finite),
});

export const mlpPipelineSchema = z.object({
  ...designPipelineFields,
  family: z.literal('mlp'),
  params: paramsSchema,
  model: z.object({
    features: z.number().int().positive(),
    outputs: z.number().int().positive(),
    activation: z.enum(['relu', 'tanh']),
    layers: z.array(layerSchema).min(1),
    target: z.object({ mean: finite, std: finite }).nullable(),
  }),
  training: z.object({
    losses: z.array(z.number()),
    validationLosses: z.array(z.number()),
    bestEpoch: z.number().int().nonnegative(),
    executionProvider: z.enum(['cpu', 'cuda']),
  }),
});

export type MlpPipelineJSON = z.infer<typeof mlpPipelineSchema>;

export function mlpModelToJSON(model: MlpModel): MlpPipelineJSON['model'] {
  return {
    features: model.features,
    outputs: model.outputs,
    activation: model.activation,
    layers: model.layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: Array.from(l.weights), bias: Array.from(l.bias) })),
    target: model.target ? { ...model.target } : null,
  };
}

function invalid(message: string): Error {
  return new Error(`Not a valid MLP pipeline document: ${message}`);
}

/** Parses and checks an MLP pipeline document; throws an Error saying what is wrong. */
export function parseMlpPipelineJSON(json: unknown): { doc: MlpPipelineJSON; design: DesignSpec; model: MlpModel } {
  const parsed = mlpPipelineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const doc = parsed.data;
  const m = doc.model;
  let width = m.features;
  m.layers.forEach((layer, l) => {
    if (layer.inputs !== width) throw invalid(`layer ${l} takes ${layer.inputs} inputs but the previous layer gives ${width}.`);
    if (layer.weights.length !== layer.inputs * layer.outputs || layer.bias.length !== layer.outputs) {
      throw invalid(`layer ${l} holds ${layer.weights.length} weights and ${layer.bias.length} biases for ${layer.inputs}×${layer.outputs}.`);
    }
    width = layer.outputs;
  });
  if (width !== m.outputs) throw invalid(`the last layer gives ${width} outputs, expected ${m.outputs}.`);
  for (const c of doc.preprocess.columns) {
    if (c.kind === 'categorical' && c.categories.length !== c.frequencies.length) {
      throw invalid(`column '${c.name}' has ${c.categories.length} categories but ${c.frequencies.length} frequencies.`);
    }
  }
  // Absent optional fields are dropped, so a parsed design equals the fitted one.
  const design: DesignSpec = { columns: doc.preprocess.columns.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as ColumnTransform) };
  if (designWidth(design) !== m.features) throw invalid(`the preprocessing gives ${designWidth(design)} features but the network takes ${m.features}.`);
  const model: MlpModel = {
    features: m.features,
    outputs: m.outputs,
    activation: m.activation,
    layers: m.layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: Float32Array.from(l.weights), bias: Float32Array.from(l.bias) })),
    target: m.target,
  };
  return { doc, design, model };
}
