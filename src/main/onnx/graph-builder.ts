/**
 * A small typed layer over onnx-proto's generated protobuf classes, so graphs are written as
 * `g.op('Gemm', [x, w, b])` instead of hand-filled protobuf objects.
 *
 * Why attribute types are explicit (`attr.floats([1, 2])`, not a bare `[1, 2]`): ONNX Runtime
 * rejects a node whose attribute has the wrong protobuf type (DESIGN.md §9), and a JS number
 * cannot say whether it is an INT or a FLOAT. Tensors are written as `raw_data` (little-endian)
 * so int64 values never pass through protobufjs' Long handling.
 *
 * The model targets IR version 8 with opset 17 for the default domain and opset 3 for
 * `ai.onnx.ml` (the newest pair onnx-proto's schema, ONNX 1.10+, and ORT 1.30 all handle).
 */
import onnxProto from 'onnx-proto';
import type { onnx as pb } from 'onnx-proto';

// onnx-proto is CommonJS without named-export hints; Node's ESM loader only sees `default`.
const { onnx } = onnxProto;

/** Element types the builder writes. */
export type ElemType = 'float' | 'double' | 'int32' | 'int64' | 'bool' | 'string';

/** A dimension: a fixed size, a symbolic name (e.g. 'N'), or null for unknown. */
export type Dim = number | string | null;

/** ONNX data type codes (TensorProto.DataType). */
export const DATA_TYPE: Readonly<Record<ElemType, number>> = {
  float: 1,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  double: 11,
};

/** A constant tensor: values plus dims (row-major). */
export type TensorValue =
  | { type: 'float'; dims: number[]; data: Float32Array }
  | { type: 'double'; dims: number[]; data: Float64Array }
  | { type: 'int32'; dims: number[]; data: Int32Array }
  | { type: 'int64'; dims: number[]; data: BigInt64Array }
  | { type: 'string'; dims: number[]; data: string[] };

/** A node attribute with its ONNX attribute type spelled out. */
export type AttrValue =
  | { type: 'INT'; value: number }
  | { type: 'FLOAT'; value: number }
  | { type: 'STRING'; value: string }
  | { type: 'INTS'; value: readonly number[] }
  | { type: 'FLOATS'; value: readonly number[] }
  | { type: 'STRINGS'; value: readonly string[] }
  | { type: 'TENSOR'; value: TensorValue };

/** Attribute constructors: `attr.ints([0, 1])`, `attr.float(0.5)`, … */
export const attr = {
  int: (value: number): AttrValue => ({ type: 'INT', value }),
  float: (value: number): AttrValue => ({ type: 'FLOAT', value }),
  string: (value: string): AttrValue => ({ type: 'STRING', value }),
  ints: (value: readonly number[]): AttrValue => ({ type: 'INTS', value }),
  floats: (value: readonly number[]): AttrValue => ({ type: 'FLOATS', value }),
  strings: (value: readonly string[]): AttrValue => ({ type: 'STRINGS', value }),
  tensor: (value: TensorValue): AttrValue => ({ type: 'TENSOR', value }),
};

/** Tensor constructors. Dims default to a 1-D tensor of the data's length. */
export const tensor = {
  float: (data: ArrayLike<number>, dims?: number[]): TensorValue => {
    const arr = Float32Array.from(data);
    return { type: 'float', dims: dims ?? [arr.length], data: arr };
  },
  double: (data: ArrayLike<number>, dims?: number[]): TensorValue => {
    const arr = Float64Array.from(data);
    return { type: 'double', dims: dims ?? [arr.length], data: arr };
  },
  int32: (data: ArrayLike<number>, dims?: number[]): TensorValue => {
    const arr = Int32Array.from(data);
    return { type: 'int32', dims: dims ?? [arr.length], data: arr };
  },
  int64: (data: ArrayLike<number> | BigInt64Array, dims?: number[]): TensorValue => {
    const arr = data instanceof BigInt64Array ? data : BigInt64Array.from(Array.from(data, (v) => BigInt(v)));
    return { type: 'int64', dims: dims ?? [arr.length], data: arr };
  },
  string: (data: readonly string[], dims?: number[]): TensorValue => ({ type: 'string', dims: dims ?? [data.length], data: [...data] }),
};

const utf8 = new TextEncoder();

function rawBytes(view: Float32Array | Float64Array | Int32Array | BigInt64Array): Uint8Array {
  // Typed arrays are host-endian; ONNX raw_data is little-endian, which every platform ORT ships on is.
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function checkDims(t: TensorValue): void {
  const size = t.dims.reduce((a, d) => a * d, 1);
  if (size !== t.data.length) throw new Error(`tensor dims [${t.dims.join(',')}] hold ${size} values but ${t.data.length} were given`);
}

/** The protobuf form of a constant tensor. */
export function tensorProto(name: string, t: TensorValue): pb.ITensorProto {
  checkDims(t);
  const base = { name, dims: t.dims, dataType: DATA_TYPE[t.type] };
  if (t.type === 'string') return { ...base, stringData: t.data.map((s) => utf8.encode(s)) };
  return { ...base, rawData: rawBytes(t.data) };
}

function attributeProto(name: string, a: AttrValue): pb.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.type) {
    case 'INT':
      if (!Number.isInteger(a.value)) throw new Error(`attribute ${name}: INT needs an integer, got ${a.value}`);
      return { name, type: T.INT, i: a.value };
    case 'FLOAT':
      return { name, type: T.FLOAT, f: a.value };
    case 'STRING':
      return { name, type: T.STRING, s: utf8.encode(a.value) };
    case 'INTS':
      if (!a.value.every(Number.isInteger)) throw new Error(`attribute ${name}: INTS needs integers`);
      return { name, type: T.INTS, ints: [...a.value] };
    case 'FLOATS':
      return { name, type: T.FLOATS, floats: [...a.value] };
    case 'STRINGS':
      return { name, type: T.STRINGS, strings: a.value.map((s) => utf8.encode(s)) };
    case 'TENSOR':
      return { name, type: T.TENSOR, t: tensorProto('', a.value) };
  }
}

function valueInfo(name: string, type: ElemType, shape: readonly Dim[]): pb.IValueInfoProto {
  const dim = shape.map((d): pb.TensorShapeProto.IDimension => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {}));
  return { name, type: { tensorType: { elemType: DATA_TYPE[type], shape: { dim } } } };
}

/** Options for one node. */
export interface NodeOptions {
  /** Operator domain: '' (default ONNX) or 'ai.onnx.ml'. */
  domain?: string;
  /** Node name; generated when omitted. */
  name?: string;
}

export const ML_DOMAIN = 'ai.onnx.ml';
export const DEFAULT_OPSET = 17;
export const ML_OPSET = 3;

/**
 * Builds one ONNX graph. Names passed around are plain strings (tensor names in the graph);
 * `op()` invents a fresh output name, `node()` takes explicit ones.
 */
export class GraphBuilder {
  private readonly inputs: pb.IValueInfoProto[] = [];
  private readonly outputs: pb.IValueInfoProto[] = [];
  private readonly initializers: pb.ITensorProto[] = [];
  private readonly nodes: pb.INodeProto[] = [];
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(
    private readonly graphName: string,
    private readonly opsets: { domain: string; version: number }[] = [
      { domain: '', version: DEFAULT_OPSET },
      { domain: ML_DOMAIN, version: ML_OPSET },
    ],
  ) {}

  /** A fresh tensor name starting with `prefix`. */
  fresh(prefix: string): string {
    let name = `${prefix}_${this.counter++}`;
    while (this.used.has(name)) name = `${prefix}_${this.counter++}`;
    this.used.add(name);
    return name;
  }

  private claim(name: string): string {
    if (this.used.has(name)) throw new Error(`tensor name '${name}' is used twice in graph ${this.graphName}`);
    this.used.add(name);
    return name;
  }

  /** Declares a graph input and returns its name. */
  input(name: string, type: ElemType, shape: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), type, shape));
    return name;
  }

  /**
   * Declares a graph output. `from` is the tensor that becomes the output; when its name differs
   * from `name` an Identity node is added so callers can name outputs freely.
   */
  output(name: string, type: ElemType, shape: readonly Dim[], from: string = name): string {
    if (from !== name) this.node('Identity', [from], [this.claim(name)]);
    this.outputs.push(valueInfo(name, type, shape));
    return name;
  }

  /** Adds a constant tensor and returns its name. */
  initializer(name: string, value: TensorValue): string {
    this.initializers.push(tensorProto(this.claim(name), value));
    return name;
  }

  /** A constant with a generated name. */
  constant(value: TensorValue, prefix = 'const'): string {
    const name = this.fresh(prefix);
    this.initializers.push(tensorProto(name, value));
    return name;
  }

  /** A float scalar (rank 0) constant. */
  scalar(value: number, prefix = 'scalar'): string {
    return this.constant(tensor.float([value], []), prefix);
  }

  /** Adds a node with explicit output names. Use '' for an omitted optional input. */
  node(opType: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, AttrValue> = {}, options: NodeOptions = {}): string[] {
    for (const o of outputs) this.used.add(o);
    this.nodes.push({
      opType,
      domain: options.domain ?? '',
      name: options.name ?? `${opType}_${this.nodes.length}`,
      input: [...inputs],
      output: [...outputs],
      attribute: Object.entries(attrs).map(([k, v]) => attributeProto(k, v)),
    });
    return [...outputs];
  }

  /** Adds a single-output node with a generated output name and returns that name. */
  op(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}, options: NodeOptions = {}): string {
    const out = this.fresh(opType.toLowerCase());
    this.node(opType, inputs, [out], attrs, options);
    return out;
  }

  /** The protobuf ModelProto (IR version 8). */
  toModel(docString = ''): pb.IModelProto {
    return {
      irVersion: 8,
      producerName: 'mle-star-studio',
      producerVersion: '0.1.0',
      docString,
      opsetImport: this.opsets.map((o) => ({ domain: o.domain, version: o.version })),
      graph: {
        name: this.graphName,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
        node: this.nodes,
      },
    };
  }

  /** The serialized model, ready for `InferenceSession.create` or a `.onnx` file. */
  toBytes(docString = ''): Uint8Array {
    return onnx.ModelProto.encode(onnx.ModelProto.create(this.toModel(docString))).finish();
  }
}
