import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, ML_DOMAIN, attr, tensor } from '../../../src/main/onnx/graph-builder';

describe('GraphBuilder', () => {
  it('builds a model ORT runs, with typed attributes, initializers of every kind and named outputs', async () => {
    const g = new GraphBuilder('t');
    const x = g.input('x', 'float', ['N', 2]);
    const s = g.input('s', 'string', ['N', 1]);
    const scaled = g.op('Scaler', [x], { offset: attr.floats([1, 2]), scale: attr.floats([2, 0.5]) }, { domain: ML_DOMAIN });
    const shape = g.constant(tensor.int64([-1]));
    const flat = g.op('Reshape', [scaled, shape]);
    const code = g.op('LabelEncoder', [s], { keys_strings: attr.strings(['a', 'b']), values_int64s: attr.ints([10, 20]), default_int64: attr.int(-1) }, { domain: ML_DOMAIN });
    const k = g.op('Constant', [], { value: attr.tensor(tensor.string(['p', 'q'])) });
    g.output('flat', 'float', [null], flat);
    g.output('code', 'int64', ['N', 1], code);
    g.output('k', 'string', [2], k);
    const session = await ort.InferenceSession.create(g.toBytes());
    try {
      const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 6]), [2, 2]), s: new ort.Tensor('string', ['b', 'z'], [2, 1]) });
      expect(Array.from(out.flat.data as Float32Array)).toEqual([0, 0, 4, 2]);
      expect(Array.from(out.code.data as BigInt64Array)).toEqual([20n, -1n]);
      expect(out.k.data).toEqual(['p', 'q']);
    } finally {
      await session.release();
    }
  });

  it('refuses duplicate tensor names, mistyped INT attributes and wrong tensor dims', () => {
    const g = new GraphBuilder('t');
    g.input('x', 'float', [1]);
    expect(() => g.input('x', 'float', [1])).toThrow(/used twice/);
    expect(() => g.op('ArgMax', ['x'], { axis: attr.int(0.5) })).toThrow(/INT needs an integer/);
    expect(() => g.constant(tensor.float([1, 2, 3], [2, 2]))).toThrow(/hold 4 values but 3/);
  });
});
