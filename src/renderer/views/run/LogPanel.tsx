import { memo, useEffect, useRef } from 'react';
import type { LogLine } from '../../../shared/domain';

const SHOWN = 500;

const timeOf = (iso: string): string => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/** One line; memoized (log lines never change), so new lines re-render only themselves. */
const Line = memo(function Line({ line }: { line: LogLine }) {
  return (
    <div className={`log-line log-${line.level}`}>
      <span className="log-time">{timeOf(line.at)}</span>
      <span className="log-level">{line.level}</span>
      <span className="log-msg">{line.message}</span>
    </div>
  );
});

/** The run's log, following new lines while scrolled to the bottom. */
export function LogPanel({ logs }: { logs: LogLine[] }) {
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const shown = logs.length > SHOWN ? logs.slice(-SHOWN) : logs;

  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [shown.length, logs.length]);

  if (logs.length === 0) return <p className="muted pad">No log lines yet.</p>;
  return (
    <div
      ref={box}
      className="log"
      data-testid="run-log"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {logs.length > SHOWN && <div className="log-line muted">… {logs.length - SHOWN} earlier lines</div>}
      {shown.map((l, i) => (
        <Line key={logs.length - shown.length + i} line={l} />
      ))}
    </div>
  );
}
