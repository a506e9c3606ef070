/**
 * Creating ONNX Runtime sessions with the execution provider the user picked.
 *
 * 'cuda' asks for ['cuda', 'cpu']; when the CUDA provider library is not installed (the npm
 * package ships CPU binaries only, DESIGN.md §9) session creation throws, and we fall back to a
 * CPU session rather than failing the run. The provider actually used is returned so callers can
 * report it.
 */
import * as ort from 'onnxruntime-node';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface SessionOptions {
  executionProvider?: ExecutionProvider;
  /** Intra-op threads; ORT's default (all cores) when omitted. */
  threads?: number;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  /** The provider the session really runs on. */
  provider: ExecutionProvider;
}

function baseOptions(threads: number | undefined): ort.InferenceSession.SessionOptions {
  return {
    graphOptimizationLevel: 'all',
    interOpNumThreads: 1,
    ...(threads !== undefined ? { intraOpNumThreads: threads } : {}),
  };
}

/** Set once CUDA failed to load in this process, so later sessions skip the attempt (and its log line). */
let cudaUnavailable = false;

/** Opens a session on the requested provider, falling back from CUDA to CPU. */
export async function openSession(model: Uint8Array | string, options: SessionOptions = {}): Promise<OpenedSession> {
  const base = baseOptions(options.threads);
  if (options.executionProvider === 'cuda' && !cudaUnavailable) {
    try {
      // Fatal-only logging: a missing CUDA library is expected on CPU machines, not an error.
      const session = await createSession(model, { ...base, executionProviders: ['cuda', 'cpu'], logSeverityLevel: 4 });
      return { session, provider: 'cuda' };
    } catch {
      cudaUnavailable = true;
    }
  }
  const session = await createSession(model, { ...base, executionProviders: ['cpu'] });
  return { session, provider: 'cpu' };
}

/** Sessions opened and not yet released in this thread. */
let live = 0;

/**
 * ONNX Runtime sessions open now in this thread: each holds native memory and threads until its
 * `release()`, so tests check that none outlives a run, a cancel or a prediction.
 */
export function liveOnnxSessions(): number {
  return live;
}

async function createSession(model: Uint8Array | string, options: ort.InferenceSession.SessionOptions): Promise<ort.InferenceSession> {
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
  live++;
  const release = session.release.bind(session);
  let released = false;
  session.release = () => {
    if (!released) {
      released = true;
      live--;
    }
    return release();
  };
  return session;
}
