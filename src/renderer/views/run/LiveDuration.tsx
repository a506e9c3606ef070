import { useNow } from '../../components/useNow';
import { formatDuration } from '../../lib/format';
import { spanMs } from '../../lib/runTime';

/**
 * How often the Live run view's clock moves (elapsed times, the budget countdown): four times a
 * second. Only the small components that show a time tick (each calls useNow, which shares one
 * timer), never the whole view: a tick re-renders a few text nodes, not the view's tables.
 */
export const LIVE_CLOCK_MS = 250;

interface Props {
  startedAt: string | null;
  finishedAt: string | null;
  /** Counting up to now while true. */
  running: boolean;
  /** Text shown before the duration; nothing at all is shown when there is no duration. */
  prefix?: string;
}

/** A duration that keeps counting while `running`: start to end, or start to now. */
export function LiveDuration({ startedAt, finishedAt, running, prefix }: Props) {
  const now = useNow(running, LIVE_CLOCK_MS);
  const ms = spanMs(startedAt, finishedAt, running, now);
  if (prefix !== undefined && ms === null) return null;
  return (
    <>
      {prefix}
      {formatDuration(ms)}
    </>
  );
}
