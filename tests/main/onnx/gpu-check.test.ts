import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGpu } from '../../../src/main/onnx/gpu-check';
import { tempDir } from '../../support/datasets';

describe('checkGpu', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('says the GPU is unavailable, with the reason, when the CUDA provider library is absent', () => {
    const dir = tempDir();
    dirs.push(dir);
    const gpu = checkGpu([dir]);
    expect(gpu.available).toBe(false);
    expect(gpu.reason).toMatch(/CUDA provider is not installed/);
  });

  it('finds the provider library beside the binding', () => {
    const dir = tempDir();
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'libonnxruntime_providers_cuda.so'), '');
    expect(checkGpu([dir])).toEqual({ available: true, reason: expect.stringMatching(/installed/) });
  });

  it('reports this install (CPU binaries only) as without a GPU', () => {
    expect(checkGpu().available).toBe(fs.existsSync(path.join(path.dirname(require.resolve('onnxruntime-node/package.json')), 'bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so')));
  });
});
