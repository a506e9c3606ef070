/**
 * The one place requests enter the main side, whatever the host (Electron IPC, the serve host's
 * WebSocket, tests): validates the payload against the contract's schema, calls a service, and
 * returns the answer or the error as data. Nothing thrown escapes.
 */
import { REQUEST_CHANNELS, RUN_LIST_LIMIT, requestSchemas, type RequestChannel, type RequestPayload, type ResponseMap } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { AppFailure } from '../app/errors';
import { DataError } from '../ml/data-error';
import type { StudioServices } from '../app/composition';

type Handlers = { [C in RequestChannel]: (payload: RequestPayload<C>) => Promise<ResponseMap[C]> | ResponseMap[C] };

export type RequestHandler = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export function createRequestHandler(services: StudioServices): RequestHandler {
  const { datasets, runs } = services;
  const handlers: Handlers = {
    'app:info': () => services.info(),
    'datasets:list': () => datasets.list(),
    'datasets:get': ({ id }) => datasets.get(id),
    'datasets:importPath': ({ path, ...options }) => {
      if (!services.pickDatasetPath) throw new AppFailure('NOT_SUPPORTED', 'This host imports files by upload only.');
      if (!services.isChosenPath(path)) throw new AppFailure('INVALID_REQUEST', 'Only a file chosen in the file dialog can be imported by its path: choose it there, or drop it on the window.');
      return datasets.importPath(path, options);
    },
    'datasets:upload': ({ fileName, text, base64, ...options }) =>
      datasets.importBytes(fileName, text !== undefined ? Buffer.from(text, 'utf8') : Buffer.from(base64 ?? '', 'base64'), options),
    'datasets:updateColumns': ({ id, columns }) => datasets.updateColumns(id, columns),
    'datasets:analyzeTarget': ({ id, target }) => datasets.analyzeTarget(id, target),
    'datasets:cancelImport': ({ importId }) => ({ cancelled: datasets.cancelImport(importId) }),
    'datasets:rows': ({ id, offset, limit }) => datasets.rows(id, offset, limit),
    'datasets:importSample': () => services.importSample(),
    'datasets:delete': ({ id }) => {
      datasets.delete(id);
      return { deleted: true as const };
    },
    'dialog:openDataset': async () => {
      if (!services.pickDatasetPath) throw new AppFailure('NOT_SUPPORTED', 'This host has no file dialog: drop the file on the window or use the file picker.');
      return { path: await services.pickDatasetPath() };
    },
    // Bounded: the window never fetches every run (10,000 runs are ~3 MB).
    'runs:list': ({ limit }) => runs.list(limit ?? RUN_LIST_LIMIT),
    'runs:query': (query) => runs.query(query),
    'runs:get': ({ id }) => runs.get(id),
    'runs:start': (settings) => runs.start(settings),
    'runs:trials': ({ id }) => runs.trials(id),
    'runs:cancel': ({ id }) => runs.cancel(id),
    'runs:resume': ({ id }) => runs.resume(id),
    'profiles:modelCard': ({ runId, profile }) => services.exports.modelCard(runId, profile),
    'profiles:zip': ({ runId, profiles }) => services.exports.zip(runId, profiles),
    'profiles:exportFolder': ({ runId, profiles }) => services.exports.exportToFolder(runId, profiles),
    'profiles:openFolder': ({ dir }) => services.exports.openFolder(dir),
  };

  return async (channel, payload) => {
    if (!REQUEST_CHANNELS.includes(channel as RequestChannel)) return fail('INVALID_REQUEST', `Unknown request channel "${String(channel).slice(0, 100)}".`);
    const parsed = requestSchemas[channel as RequestChannel].safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${clip(issue.path.join('.'), 100)})` : '';
      // Clipped: zod lists every unknown key, and a hostile payload may have 100,000 of them.
      return fail('INVALID_REQUEST', `Invalid request to ${channel}${where}: ${clip(issue?.message ?? 'malformed payload', 300)}.`);
    }
    try {
      const handler = handlers[channel as RequestChannel] as (p: unknown) => Promise<unknown> | unknown;
      return ok(await handler(dropUndefined(parsed.data)));
    } catch (error) {
      return toFailure(error);
    }
  };
}

/**
 * Removes keys whose value is `undefined` (Electron's structured clone keeps them; JSON does not),
 * so services see an optional field as absent and `{ ...defaults, ...payload }` keeps its defaults.
 * The payload has passed its schema, so its depth is the schema's.
 */
function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, dropUndefined(v)]));
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

export function toFailure(error: unknown): Result<never> {
  if (error instanceof AppFailure) return fail(error.code, error.message);
  if (error instanceof DataError) return error.code === 'CANCELLED' ? fail('CANCELLED', error.message) : fail('BAD_INPUT', error.message, error.code, error.fitRows);
  const message = error instanceof Error ? error.message : String(error);
  return fail('INTERNAL', `Something went wrong: ${message}`);
}
