/**
 * Whether this install of ONNX Runtime can train on a GPU. The npm package ships CPU binaries
 * only (DESIGN.md §9); CUDA works only when its provider library
 * (`libonnxruntime_providers_cuda.so` / `onnxruntime_providers_cuda.dll`) sits beside the native
 * binding. Looking for the file is instant and loads nothing, so the run form can ask at start-up;
 * a run that asks for the GPU still falls back to CPU if the library fails to load (session.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface GpuAvailability {
  available: boolean;
  /** Where the provider was found, or why there is none (a sentence for the run form). */
  reason: string;
}

const PROVIDER_FILES = ['libonnxruntime_providers_cuda.so', 'onnxruntime_providers_cuda.dll'];

/** Looks for ONNX Runtime's CUDA provider library in `bindingDirs` (default: onnxruntime-node's binary folder). */
export function checkGpu(bindingDirs: readonly string[] = defaultBindingDirs()): GpuAvailability {
  for (const dir of bindingDirs) {
    for (const file of PROVIDER_FILES) {
      if (fs.existsSync(path.join(dir, file))) return { available: true, reason: `ONNX Runtime's CUDA provider is installed (${file}).` };
    }
  }
  return {
    available: false,
    reason: "ONNX Runtime's CUDA provider is not installed (the bundled onnxruntime-node has CPU binaries only), so runs train on the CPU.",
  };
}

function defaultBindingDirs(): string[] {
  try {
    const root = path.dirname(require.resolve('onnxruntime-node/package.json'));
    return [path.join(root, 'bin', 'napi-v6', process.platform, process.arch)];
  } catch {
    return [];
  }
}
