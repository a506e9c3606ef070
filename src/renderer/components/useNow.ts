import { useEffect, useState } from 'react';

/** Components ticking at one interval share one timer, so they re-render together, in one pass. */
const tickers = new Map<number, { timer: ReturnType<typeof setInterval>; listeners: Set<(now: number) => void> }>();

function subscribe(intervalMs: number, listener: (now: number) => void): () => void {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    const listeners = new Set<(now: number) => void>();
    const timer = setInterval(() => {
      const now = Date.now();
      for (const l of listeners) l(now);
    }, intervalMs);
    ticker = { timer, listeners };
    tickers.set(intervalMs, ticker);
  }
  ticker.listeners.add(listener);
  return () => {
    const t = tickers.get(intervalMs);
    if (!t) return;
    t.listeners.delete(listener);
    if (t.listeners.size === 0) {
      clearInterval(t.timer);
      tickers.delete(intervalMs);
    }
  };
}

/**
 * The current time, ticking every `intervalMs` while `active` (for live elapsed times). Call it in
 * the small component that shows the time, not in a view: every tick re-renders the caller.
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    return subscribe(intervalMs, setNow);
  }, [active, intervalMs]);
  return now;
}
