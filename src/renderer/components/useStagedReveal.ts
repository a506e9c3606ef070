/**
 * A big view shown a part at a time: one more part per animation frame, each in its own turn of
 * the window's frame queue (frameQueue.ts), taking turns with the charts' drawings.
 *
 * A finished run's report mounted at once (a dozen cards, tables, rendered Markdown) made one task
 * of 40–45 ms of CPU for React and one frame of 35 ms for its style and layout on the 2-core test
 * machine; a part at a time, each frame renders, lays out and paints one part.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { frameQueue } from './frameQueue';

/**
 * How many of `parts` parts to show: 1 on the first render, then one more per frame-queue turn
 * until all are shown. Each step renders synchronously inside its turn (flushSync), so the frame
 * that lays the new part out is the one the queue gave it.
 */
export function useStagedReveal(parts: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= parts) return;
    const queue = frameQueue();
    const owner = {};
    queue.schedule(owner, () => flushSync(() => setShown((n) => n + 1)));
    return () => queue.cancel(owner);
  }, [shown, parts]);
  return Math.min(shown, parts);
}
