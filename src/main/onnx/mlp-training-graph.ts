/**
 * ONNX graphs of a multilayer perceptron (dense → activation → … → dense): the training step
 * (forward, loss, analytic backward pass, Adam), a loss-only graph for validation, and a
 * loss-and-gradients graph for gradient checks. The forward part (`addMlpForward`) is the same
 * code the pipeline export uses (export-mlp.ts), so training and inference run one network.
 *
 * Built from the pieces of training-graph.ts (dense layer, losses, dense backward, Adam); what
 * is added here is the activation and its derivative:
 * - relu: h = max(z, 0), dz = dh ⊙ [z > 0];
 * - tanh: h = tanh(z), dz = dh ⊙ (1 − h²).
 * Backpropagation runs layer by layer from the output: dz_L from the loss, then for each layer
 * dW = hᵀ·dz + l2·W, db = Σ dz, dh = dz·Wᵀ, dz_{l−1} = activation′ ⊙ dh.
 */
import { DATA_TYPE, GraphBuilder, attr, tensor } from './graph-builder';
import {
  DEFAULT_ADAM,
  addAdamScalars,
  addAdamUpdate,
  addBatchSize,
  addDense,
  addDenseBackward,
  addSoftmaxCrossEntropy,
  addSquaredError,
  type AdamConstants,
  type LossKind,
} from './training-graph';

export type Activation = 'relu' | 'tanh';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh'];

/** Element type of a graph's activations and parameters. */
export type FloatType = 'float' | 'double';

/** The network: design width in, hidden widths, outputs (classes, or 1 for regression). */
export interface MlpShape {
  features: number;
  hidden: readonly number[];
  outputs: number;
  activation: Activation;
}

/** Widths of every layer boundary: [features, ...hidden, outputs]. */
export function layerSizes(shape: MlpShape): number[] {
  return [shape.features, ...shape.hidden, shape.outputs];
}

function checkShape(shape: MlpShape): void {
  const sizes = layerSizes(shape);
  if (!sizes.every((s) => Number.isInteger(s) && s >= 1)) throw new Error(`an MLP needs positive integer layer widths, got ${sizes.join('→')}`);
  if (!ACTIVATIONS.includes(shape.activation)) throw new Error(`unknown activation '${String(shape.activation)}'`);
}

/** Input and output tensor names shared by the MLP graphs. */
export const MLP_IO = {
  x: 'X',
  y: 'Y',
  /** Adam step count, 1-based, float scalar. */
  t: 't',
  lr: 'lr',
  l2: 'l2',
  /** Mean data loss over the batch (without the L2 penalty), [1]. */
  loss: 'loss',
} as const;

/** Per-layer tensor names (layer 0 takes X). Feed `w`…`vb`; read `out*` back as the next state. */
export function mlpLayerNames(layer: number) {
  return {
    w: `W${layer}`,
    b: `b${layer}`,
    mW: `mW${layer}`,
    vW: `vW${layer}`,
    mb: `mb${layer}`,
    vb: `vb${layer}`,
    outW: `W${layer}_out`,
    outB: `b${layer}_out`,
    outMW: `mW${layer}_out`,
    outVW: `vW${layer}_out`,
    outMb: `mb${layer}_out`,
    outVb: `vb${layer}_out`,
    /** Gradient outputs of the gradient graph. */
    dW: `dW${layer}`,
    db: `db${layer}`,
  };
}

function typedConstant(g: GraphBuilder, value: number, type: FloatType, prefix: string): string {
  return g.constant(type === 'float' ? tensor.float([value], []) : tensor.double([value], []), prefix);
}

/** The tensors of a forward pass, kept for the backward pass. */
export interface MlpForward {
  /** Scores of the last layer (logits, or the standardized regression value), [B, K]. */
  output: string;
  /** What each layer takes: X, then each hidden activation. */
  layerInputs: string[];
  /** Pre-activations z of the hidden layers. */
  preActivations: string[];
}

/**
 * The forward pass through dense layers: hidden layers apply `activation`, the last does not.
 * Works on float or double tensors (the parameters' type decides).
 */
export function addMlpForward(g: GraphBuilder, x: string, layers: readonly { w: string; b: string }[], activation: Activation): MlpForward {
  const layerInputs: string[] = [];
  const preActivations: string[] = [];
  let h = x;
  let output = x;
  layers.forEach((layer, i) => {
    layerInputs.push(h);
    const z = addDense(g, h, layer.w, layer.b);
    if (i === layers.length - 1) {
      output = z;
      return;
    }
    preActivations.push(z);
    h = g.op(activation === 'relu' ? 'Relu' : 'Tanh', [z]);
  });
  return { output, layerInputs, preActivations };
}

/** dL/dz of a hidden layer from dL/dh, its pre-activation z and activation h. */
function addActivationBackward(g: GraphBuilder, dh: string, z: string, h: string, activation: Activation, type: FloatType): string {
  if (activation === 'relu') {
    const active = g.op('Cast', [g.op('Greater', [z, typedConstant(g, 0, type, 'zero')])], { to: attr.int(DATA_TYPE[type]) });
    return g.op('Mul', [dh, active]);
  }
  const slope = g.op('Sub', [typedConstant(g, 1, type, 'one'), g.op('Mul', [h, h])]);
  return g.op('Mul', [dh, slope]);
}

/**
 * Forward pass, mean data loss and the gradients of every layer (L2 penalty ½·l2·Σ‖W‖² on the
 * weights, not the biases). `x`, `y`, the parameters and `l2` share one element type.
 */
export function addMlpLossAndGradients(
  g: GraphBuilder,
  shape: MlpShape,
  loss: LossKind,
  type: FloatType,
  tensors: { x: string; y: string; layers: readonly { w: string; b: string }[]; l2: string },
): { loss: string; grads: { dw: string; db: string }[] } {
  const batch = addBatchSize(g, tensors.x, DATA_TYPE[type]);
  const forward = addMlpForward(g, tensors.x, tensors.layers, shape.activation);
  const head = loss === 'softmax-cross-entropy' ? addSoftmaxCrossEntropy(g, forward.output, tensors.y, batch) : addSquaredError(g, forward.output, tensors.y, batch);
  const grads: { dw: string; db: string }[] = [];
  let dz = head.dz;
  for (let l = tensors.layers.length - 1; l >= 0; l--) {
    const back = addDenseBackward(g, forward.layerInputs[l], tensors.layers[l].w, dz, tensors.l2, { inputGradient: l > 0 });
    grads[l] = { dw: back.dw, db: back.db };
    if (l > 0 && back.dx) dz = addActivationBackward(g, back.dx, forward.preActivations[l - 1], forward.layerInputs[l], shape.activation, type);
  }
  return { loss: head.loss, grads };
}

/** Declares X [B, D], Y [B, K] and each layer's W [in, out], b [out]. */
function declareData(g: GraphBuilder, shape: MlpShape, type: FloatType): { x: string; y: string; layers: { w: string; b: string }[] } {
  const sizes = layerSizes(shape);
  const x = g.input(MLP_IO.x, type, ['B', shape.features]);
  const y = g.input(MLP_IO.y, type, ['B', shape.outputs]);
  const layers = sizes.slice(1).map((out, l) => {
    const names = mlpLayerNames(l);
    return { w: g.input(names.w, type, [sizes[l], out]), b: g.input(names.b, type, [out]) };
  });
  return { x, y, layers };
}

export interface MlpStepSpec extends MlpShape {
  loss: LossKind;
  adam?: AdamConstants;
}

/**
 * One training step of the MLP as one float ONNX model. Inputs: X [B,D], Y [B,K], per layer l
 * (names in {@link mlpLayerNames}) W, b and their four Adam moments, and float scalars t, lr, l2.
 * Outputs the updated parameters and moments per layer and the batch loss [1]. B is symbolic.
 */
export function buildMlpTrainingStep(spec: MlpStepSpec): Uint8Array {
  checkShape(spec);
  const sizes = layerSizes(spec);
  const g = new GraphBuilder('mlp_training_step', [{ domain: '', version: 17 }]);
  const data = declareData(g, spec, 'float');
  const moments = data.layers.map((_, l) => {
    const n = mlpLayerNames(l);
    const [rows, cols] = [sizes[l], sizes[l + 1]];
    return { mW: g.input(n.mW, 'float', [rows, cols]), vW: g.input(n.vW, 'float', [rows, cols]), mb: g.input(n.mb, 'float', [cols]), vb: g.input(n.vb, 'float', [cols]) };
  });
  const t = g.input(MLP_IO.t, 'float', []);
  const lr = g.input(MLP_IO.lr, 'float', []);
  const l2 = g.input(MLP_IO.l2, 'float', []);

  const { loss, grads } = addMlpLossAndGradients(g, spec, spec.loss, 'float', { ...data, l2 });
  const scalars = addAdamScalars(g, lr, t, spec.adam ?? DEFAULT_ADAM);
  data.layers.forEach((layer, l) => {
    const n = mlpLayerNames(l);
    const m = moments[l];
    addAdamUpdate(g, scalars, { value: layer.w, grad: grads[l].dw, m: m.mW, v: m.vW }, { value: n.outW, m: n.outMW, v: n.outVW });
    addAdamUpdate(g, scalars, { value: layer.b, grad: grads[l].db, m: m.mb, v: m.vb }, { value: n.outB, m: n.outMb, v: n.outVb });
  });
  data.layers.forEach((_, l) => {
    const n = mlpLayerNames(l);
    const [rows, cols] = [sizes[l], sizes[l + 1]];
    g.output(n.outW, 'float', [rows, cols]);
    g.output(n.outB, 'float', [cols]);
    g.output(n.outMW, 'float', [rows, cols]);
    g.output(n.outVW, 'float', [rows, cols]);
    g.output(n.outMb, 'float', [cols]);
    g.output(n.outVb, 'float', [cols]);
  });
  g.output(MLP_IO.loss, 'float', [1], loss);
  return g.toBytes(`MLE-STAR Studio MLP training step (${sizes.join('→')}, ${spec.activation}; forward, backward, Adam)`);
}

/**
 * The mean data loss of a batch, and with `gradients` the gradient of each parameter
 * (outputs dW{l}, db{l}; then an `l2` scalar input is declared too). Used for the validation
 * loss during training (float) and for gradient checks (double).
 */
export function buildMlpLossGraph(shape: MlpShape, loss: LossKind, options: { type?: FloatType; gradients?: boolean } = {}): Uint8Array {
  checkShape(shape);
  const type = options.type ?? 'float';
  const sizes = layerSizes(shape);
  const g = new GraphBuilder('mlp_loss', [{ domain: '', version: 17 }]);
  const data = declareData(g, shape, type);
  if (!options.gradients) {
    const batch = addBatchSize(g, data.x, DATA_TYPE[type]);
    const { output } = addMlpForward(g, data.x, data.layers, shape.activation);
    const head = loss === 'softmax-cross-entropy' ? addSoftmaxCrossEntropy(g, output, data.y, batch) : addSquaredError(g, output, data.y, batch);
    g.output(MLP_IO.loss, type, [1], head.loss);
    return g.toBytes('MLE-STAR Studio MLP loss');
  }
  const l2 = g.input(MLP_IO.l2, type, []);
  const result = addMlpLossAndGradients(g, shape, loss, type, { ...data, l2 });
  g.output(MLP_IO.loss, type, [1], result.loss);
  result.grads.forEach((grad, l) => {
    const n = mlpLayerNames(l);
    g.output(n.dW, type, [sizes[l], sizes[l + 1]], grad.dw);
    g.output(n.db, type, [sizes[l + 1]], grad.db);
  });
  return g.toBytes('MLE-STAR Studio MLP loss and gradients');
}
