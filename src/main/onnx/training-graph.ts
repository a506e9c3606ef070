/**
 * ONNX training-step graphs: forward pass, loss, analytic backward pass and an Adam update, all
 * as ordinary ONNX operators, so ONNX Runtime (CPU or CUDA) does the arithmetic.
 *
 * Why analytic gradients instead of ORT's training API: onnxruntime-node ships inference only.
 * A generalized linear model's gradient is two matrix products, so writing it as graph ops is
 * short and runs on any execution provider.
 *
 * The pieces (`addDense`, `addSoftmaxCrossEntropy`, `addSquaredError`, `addDenseBackward`,
 * `addAdamUpdate`) are separate functions over a GraphBuilder so an MLP step can chain them:
 * dense → activation → dense → loss, then backward through the same pieces.
 */
import { DATA_TYPE, GraphBuilder, attr, tensor } from './graph-builder';

/** Which loss the step minimizes. */
export type LossKind = 'softmax-cross-entropy' | 'squared-error';

/** Adam constants baked into the graph. */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const DEFAULT_ADAM: AdamConstants = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** Scalars shared by every parameter's Adam update within one step. */
export interface AdamScalars {
  /** lr / (1 - beta1^t) */
  stepSize: string;
  /** 1 - beta2^t */
  secondMomentCorrection: string;
  beta1: string;
  oneMinusBeta1: string;
  beta2: string;
  oneMinusBeta2: string;
  epsilon: string;
}

/**
 * Tensor names of the linear training step, inputs then outputs. Feed every input each call and
 * feed the `out*` tensors back as the next call's state.
 */
export const LINEAR_STEP_IO = {
  x: 'X',
  y: 'Y',
  w: 'W',
  b: 'b',
  mW: 'mW',
  vW: 'vW',
  mb: 'mb',
  vb: 'vb',
  /** Adam step count, 1-based, float scalar. */
  t: 't',
  lr: 'lr',
  l2: 'l2',
  outW: 'W_out',
  outB: 'b_out',
  outMW: 'mW_out',
  outVW: 'vW_out',
  outMb: 'mb_out',
  outVb: 'vb_out',
  /** Mean data loss over the batch (without the L2 penalty), float [1]. */
  loss: 'loss',
} as const;

/**
 * Batch size as a scalar of X's element type (float unless `to` says double), read from X's
 * shape so one graph serves every batch size.
 */
export function addBatchSize(g: GraphBuilder, x: string, to: number = DATA_TYPE.float): string {
  const shape = g.op('Shape', [x]);
  const rows = g.op('Gather', [shape, g.constant(tensor.int64([0], []))], { axis: attr.int(0) });
  return g.op('Cast', [rows], { to: attr.int(to) });
}

/** z = x·W + b for x [B,D], W [D,K], b [K]. */
export function addDense(g: GraphBuilder, x: string, w: string, b: string): string {
  return g.op('Gemm', [x, w, b]);
}

/**
 * Mean softmax cross-entropy of logits z [B,K] against one-hot y [B,K].
 * Returns the loss (float [1]) and dL/dz = (softmax(z) − y) / B.
 */
export function addSoftmaxCrossEntropy(g: GraphBuilder, z: string, y: string, batch: string): { loss: string; dz: string } {
  const logP = g.op('LogSoftmax', [z], { axis: attr.int(-1) });
  const total = g.op('ReduceSum', [g.op('Mul', [y, logP]), g.constant(tensor.int64([0, 1]))], { keepdims: attr.int(0) });
  const loss = g.op('Reshape', [g.op('Neg', [g.op('Div', [total, batch])]), g.constant(tensor.int64([1]))]);
  const p = g.op('Exp', [logP]);
  const dz = g.op('Div', [g.op('Sub', [p, y]), batch]);
  return { loss, dz };
}

/**
 * Half mean squared error of predictions z [B,K] against targets y [B,K]:
 * loss = Σ(z − y)² / (2B), dL/dz = (z − y) / B.
 */
export function addSquaredError(g: GraphBuilder, z: string, y: string, batch: string): { loss: string; dz: string } {
  const diff = g.op('Sub', [z, y]);
  const total = g.op('ReduceSum', [g.op('Mul', [diff, diff]), g.constant(tensor.int64([0, 1]))], { keepdims: attr.int(0) });
  // 2B as B + B, so the piece carries no float constant and also serves double graphs.
  const loss = g.op('Reshape', [g.op('Div', [total, g.op('Add', [batch, batch])]), g.constant(tensor.int64([1]))]);
  const dz = g.op('Div', [diff, batch]);
  return { loss, dz };
}

/**
 * Gradients of a dense layer z = x·W + b given dL/dz [B,K]:
 * dW = xᵀ·dz + l2·W (L2 penalty ½·l2·‖W‖², bias not penalized), db = Σ_rows dz,
 * and optionally dx = dz·Wᵀ for backpropagating into an earlier layer.
 */
export function addDenseBackward(
  g: GraphBuilder,
  x: string,
  w: string,
  dz: string,
  l2: string,
  options: { inputGradient?: boolean } = {},
): { dw: string; db: string; dx: string | null } {
  const xtdz = g.op('Gemm', [x, dz], { transA: attr.int(1) });
  const dw = g.op('Add', [xtdz, g.op('Mul', [l2, w])]);
  const db = g.op('ReduceSum', [dz, g.constant(tensor.int64([0]))], { keepdims: attr.int(0) });
  const dx = options.inputGradient ? g.op('Gemm', [dz, w], { transB: attr.int(1) }) : null;
  return { dw, db, dx };
}

/** The per-step Adam scalars, computed once and shared by every parameter. */
export function addAdamScalars(g: GraphBuilder, lr: string, t: string, c: AdamConstants = DEFAULT_ADAM): AdamScalars {
  const one = g.scalar(1, 'one');
  const beta1 = g.scalar(c.beta1, 'beta1');
  const beta2 = g.scalar(c.beta2, 'beta2');
  const firstCorrection = g.op('Sub', [one, g.op('Pow', [beta1, t])]);
  return {
    stepSize: g.op('Div', [lr, firstCorrection]),
    secondMomentCorrection: g.op('Sub', [one, g.op('Pow', [beta2, t])]),
    beta1,
    oneMinusBeta1: g.scalar(1 - c.beta1, 'one_minus_beta1'),
    beta2,
    oneMinusBeta2: g.scalar(1 - c.beta2, 'one_minus_beta2'),
    epsilon: g.scalar(c.epsilon, 'epsilon'),
  };
}

/**
 * Adam with bias correction, writing into the given output names:
 * m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g²,
 * p' = p − lr/(1−β1^t) · m' / (√(v'/(1−β2^t)) + ε).
 */
export function addAdamUpdate(
  g: GraphBuilder,
  s: AdamScalars,
  param: { value: string; grad: string; m: string; v: string },
  out: { value: string; m: string; v: string },
): void {
  g.node('Add', [g.op('Mul', [s.beta1, param.m]), g.op('Mul', [s.oneMinusBeta1, param.grad])], [out.m]);
  const g2 = g.op('Mul', [param.grad, param.grad]);
  g.node('Add', [g.op('Mul', [s.beta2, param.v]), g.op('Mul', [s.oneMinusBeta2, g2])], [out.v]);
  const denom = g.op('Add', [g.op('Sqrt', [g.op('Div', [out.v, s.secondMomentCorrection])]), s.epsilon]);
  const delta = g.op('Mul', [s.stepSize, g.op('Div', [out.m, denom])]);
  g.node('Sub', [param.value, delta], [out.value]);
}

/** Shape of a linear training step. */
export interface LinearStepSpec {
  /** Design-matrix width. */
  features: number;
  /** Outputs: classes for softmax, 1 for regression. */
  outputs: number;
  loss: LossKind;
  adam?: AdamConstants;
}

/**
 * The whole training step of a linear model (softmax regression or least squares) as one ONNX
 * model. I/O names are in {@link LINEAR_STEP_IO}: X [B,D], Y [B,K], W [D,K], b [K], the four Adam
 * moments shaped like their parameters, and float scalars t, lr, l2. Outputs the updated
 * parameters and moments and the batch loss [1]. B is symbolic.
 */
export function buildLinearTrainingStep(spec: LinearStepSpec): Uint8Array {
  const { features: d, outputs: k } = spec;
  if (!(d >= 1 && k >= 1)) throw new Error(`training step needs at least one feature and one output, got D=${d}, K=${k}`);
  const io = LINEAR_STEP_IO;
  const g = new GraphBuilder('linear_training_step', [{ domain: '', version: 17 }]);
  const x = g.input(io.x, 'float', ['B', d]);
  const y = g.input(io.y, 'float', ['B', k]);
  const w = g.input(io.w, 'float', [d, k]);
  const b = g.input(io.b, 'float', [k]);
  const mW = g.input(io.mW, 'float', [d, k]);
  const vW = g.input(io.vW, 'float', [d, k]);
  const mb = g.input(io.mb, 'float', [k]);
  const vb = g.input(io.vb, 'float', [k]);
  const t = g.input(io.t, 'float', []);
  const lr = g.input(io.lr, 'float', []);
  const l2 = g.input(io.l2, 'float', []);

  const batch = addBatchSize(g, x);
  const z = addDense(g, x, w, b);
  const { loss, dz } = spec.loss === 'softmax-cross-entropy' ? addSoftmaxCrossEntropy(g, z, y, batch) : addSquaredError(g, z, y, batch);
  const grads = addDenseBackward(g, x, w, dz, l2);
  const scalars = addAdamScalars(g, lr, t, spec.adam ?? DEFAULT_ADAM);
  addAdamUpdate(g, scalars, { value: w, grad: grads.dw, m: mW, v: vW }, { value: io.outW, m: io.outMW, v: io.outVW });
  addAdamUpdate(g, scalars, { value: b, grad: grads.db, m: mb, v: vb }, { value: io.outB, m: io.outMb, v: io.outVb });

  g.output(io.outW, 'float', [d, k]);
  g.output(io.outB, 'float', [k]);
  g.output(io.outMW, 'float', [d, k]);
  g.output(io.outVW, 'float', [d, k]);
  g.output(io.outMb, 'float', [k]);
  g.output(io.outVb, 'float', [k]);
  g.output(io.loss, 'float', [1], loss);
  return g.toBytes('MLE-STAR Studio linear training step (forward, backward, Adam)');
}
