import { useRef, type ChangeEvent } from 'react';
import { cancelImport, importFiles, importSample, pickAndImport } from '../../actions/datasets';
import { formatBytes } from '../../lib/format';
import type { ImportProgressEvent } from '../../../shared/domain';
import type { LocalImportStep } from '../../store/slices/datasets';
import { Spinner } from '../../components/Spinner';
import { useStudio } from '../../store';

const ACCEPT = '.csv,.tsv,.txt,.json,.jsonl,.ndjson,.gz,.parquet,text/csv,text/tab-separated-values';

/**
 * The big "drop a dataset here" target. Drops anywhere on the window are handled by the
 * window-wide listener (App); this is where the eye goes, plus the pickers and the sample.
 */
export function DropZone({ dragging }: { dragging: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const info = useStudio((s) => s.info);
  const importing = useStudio((s) => s.busy.import);
  const progress = useStudio((s) => s.importProgress);
  const local = useStudio((s) => s.localImport);
  const canPickPaths = info?.canPickPaths ?? false;

  const onPicked = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    void importFiles(files);
  };

  const choose = () => {
    if (canPickPaths) void pickAndImport();
    else input.current?.click();
  };

  return (
    <div className={`drop-zone ${dragging ? 'dragging' : ''} ${importing ? 'busy' : ''}`} data-testid="drop-zone">
      <div className="drop-icon" aria-hidden="true">
        <svg viewBox="0 0 48 48" width="48" height="48">
          <path d="M24 31V11m0 0l-8 8m8-8l8 8" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M9 30v5a4 4 0 004 4h22a4 4 0 004-4v-5" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        </svg>
      </div>
      {importing ? (
        <>
          <Spinner label={importing} />
          <ImportProgress progress={progress} local={local} />
        </>
      ) : (
        <>
          <p className="drop-title">Drop a dataset anywhere in this window</p>
          <p className="drop-sub">CSV or TSV (also gzip-compressed), Parquet or JSON lines, with a header row. Data stays on this machine.</p>
        </>
      )}
      <div className="drop-actions">
        <button type="button" className="btn btn-primary" onClick={choose} disabled={!!importing} data-testid="choose-file">
          Choose file…
        </button>
        <button type="button" className="btn" onClick={() => void importSample()} disabled={!!importing} data-testid="sample-button">
          Try the sample dataset{info ? ` (${info.sample.name})` : ''}
        </button>
      </div>
      <input ref={input} type="file" accept={ACCEPT} className="visually-hidden" data-testid="file-input" onChange={onPicked} tabIndex={-1} aria-label="Choose a dataset file" />
    </div>
  );
}

const STAGE_TEXT: Record<string, string> = {
  hashing: 'Checking the file',
  reading: 'Reading rows',
  profiling: 'Profiling columns',
  saving: 'Saving',
};
const LOCAL_TEXT: Record<LocalImportStep['step'], string> = {
  reading: 'Reading the file',
  encoding: 'Preparing the upload',
  uploading: 'Uploading',
};

/** Bytes and rows of the running import, with a bar and Cancel (once the importer has an id for it). */
function ImportProgress({ progress, local }: { progress: ImportProgressEvent | null; local: LocalImportStep | null }) {
  if (!progress && !local) return null;
  const reading = progress && progress.totalBytes > 0 && (progress.stage === 'reading' || progress.stage === 'hashing');
  const fraction = progress ? (progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : null) : null;
  return (
    <div className="import-progress" data-testid="import-progress" data-stage={progress?.stage ?? local?.step}>
      <p className="drop-sub">
        <strong>{progress ? (STAGE_TEXT[progress.stage] ?? progress.stage) : LOCAL_TEXT[local!.step]}</strong>
        {progress && reading ? (
          <span data-testid="import-bytes">
            {' '}
            · {formatBytes(progress.bytesRead)} of {formatBytes(progress.totalBytes)}
          </span>
        ) : null}
        {!progress && local && local.bytes > 0 ? <span data-testid="import-bytes"> · {formatBytes(local.bytes)}</span> : null}
        {progress ? <span data-testid="import-rows"> · {progress.rows.toLocaleString('en-US')} rows</span> : null}
      </p>
      {fraction !== null && progress?.stage === 'reading' ? (
        <progress className="import-bar" max={1} value={fraction} aria-label="Import progress" />
      ) : (
        <progress className="import-bar" aria-label="Import progress" />
      )}
      {progress && (
        <button type="button" className="btn btn-sm" onClick={() => void cancelImport()} data-testid="cancel-import">
          Cancel
        </button>
      )}
    </div>
  );
}
