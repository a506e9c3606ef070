/**
 * Terminal progress for a run: a redrawn one-line bar on a TTY, plain log lines otherwise
 * (CI logs, pipes).
 */
import { PHASES, type PhaseInfo, type RunProgressEvent } from '../../../shared/domain';

export function createRunProgressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(event: RunProgressEvent): void; done(): void } {
  const phases = new Map<string, PhaseInfo>();
  let lastTask = '';
  const tty = Boolean(stream.isTTY);
  return {
    update(event) {
      for (const p of event.phases) phases.set(p.name, p);
      const task = event.tasks.at(-1);
      if (task) lastTask = `${task.name}${task.summary ? `: ${task.summary}` : ''}`;
      const finished = PHASES.filter((p) => phases.get(p)?.status === 'succeeded').length;
      const current = PHASES.find((p) => phases.get(p)?.status === 'running') ?? '';
      const width = 20;
      const filled = Math.round((finished / PHASES.length) * width);
      const score = event.bestScore !== null ? ` best ${event.bestScore.toFixed(4)}` : '';
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${PHASES.length} ${current}${score} ${lastTask}`;
      if (tty) stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`);
      else for (const l of event.logs) stream.write(`${l.level}: ${l.message}\n`);
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
