/**
 * The numbered event stream of a run (DESIGN.md §3: snapshot + `seq`). The next number is
 * computed by the INSERT itself (`MAX(seq) + 1` of the run), so it is atomic without an explicit
 * transaction, and numbers are per run, starting at 1, without gaps.
 */
import type { Database } from '../connection';
import type { EventRepository } from '../../ports/repositories';
import type { LogLine } from '../../../shared/domain';
import { fromJson, toJson } from './sql';

interface LogRow {
  payload_json: string;
  at: string;
}

const LEVELS: readonly LogLine['level'][] = ['info', 'warn', 'error'];

/** A `log` event's payload is `{ level, message }`; anything else is shown as an info line. */
function toLogLine(row: LogRow): LogLine {
  const payload = fromJson<unknown>(row.payload_json);
  const fields = typeof payload === 'object' && payload !== null ? (payload as { level?: unknown; message?: unknown }) : {};
  const level = LEVELS.find((l) => l === fields.level) ?? 'info';
  const message = typeof fields.message === 'string' ? fields.message : typeof payload === 'string' ? payload : row.payload_json;
  return { at: row.at, level, message };
}

/** The SQLite {@link EventRepository}. */
export function createEventRepository(db: Database): EventRepository {
  const appendEvent = db.prepare<[{ runId: string; type: string; payloadJson: string; at: string }], number>(
    `INSERT INTO events (run_id, seq, type, payload_json, at)
     SELECT @runId, COALESCE(MAX(seq), 0) + 1, @type, @payloadJson, @at FROM events WHERE run_id = @runId
     RETURNING seq`,
  ).pluck();
  const selectLastSeq = db.prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) FROM events WHERE run_id = ?').pluck();
  const selectLogs = db.prepare<[string], LogRow>("SELECT payload_json, at FROM events WHERE run_id = ? AND type = 'log' ORDER BY seq");

  return {
    append: (runId, type, payload, at) => {
      const seq = appendEvent.get({ runId, type, payloadJson: toJson(payload), at });
      if (seq === undefined) throw new Error(`Appending an event to run "${runId}" returned no sequence number.`);
      return seq;
    },
    lastSeq: (runId) => selectLastSeq.get(runId) ?? 0,
    logs: (runId) => selectLogs.all(runId).map(toLogLine),
  };
}
