/**
 * The API the actions call, set once at start (pickBridge) or by a test (a fake), plus the
 * helpers every action uses: unwrap a Result into data or an error banner, mark work as busy.
 */
import type { StudioApi } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { useStudio } from '../store';
import type { NoticeAction } from '../store/slices/app';

let current: StudioApi | null = null;

export const setApi = (api: StudioApi | null): void => {
  current = api;
};

export const api = (): StudioApi => {
  if (!current) throw new Error('The API is not set: call startApp() (or setApi() in a test) first.');
  return current;
};

export const notify = (code: string, message: string, action?: NoticeAction): void => useStudio.getState().pushNotice(code, message, action);

/** The data of a successful call; on failure, an error banner and null. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T | null> {
  const result = await call;
  if (result.ok) return result.data;
  notify(result.error.code, result.error.message);
  return null;
}

/** Like unwrap, and records (or clears) a failed load under `key` so the view can say what went wrong. */
export async function unwrapLoad<T>(key: string, call: Promise<Result<T>>): Promise<T | null> {
  const result = await call;
  useStudio.getState().setFailedLoad(key, result.ok ? null : result.error.message);
  if (result.ok) return result.data;
  notify(result.error.code, result.error.message);
  return null;
}

/** Runs `work` with `key` marked busy (a label the UI shows), unless it is busy already. */
export async function whileBusy<T>(key: string, label: string, work: () => Promise<T>): Promise<T | null> {
  const { busy, setBusy } = useStudio.getState();
  if (busy[key] !== undefined) return null;
  setBusy(key, label);
  try {
    return await work();
  } finally {
    useStudio.getState().setBusy(key, null);
  }
}
