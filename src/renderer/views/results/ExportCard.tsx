import { useState } from 'react';
import type { ExportedFile, ExportedProfile } from '../../../shared/domain';
import { downloadProfilesZip, exportProfilesToFolder, openExportFolder } from '../../actions/exports';
import { Card } from '../../components/Card';
import { formatBytes } from '../../lib/format';
import { useStudio } from '../../store';

interface Written {
  /** The zip's name (browser) or the folder written (desktop app). */
  target: string;
  folder: boolean;
  bytes?: number;
  files: ExportedFile[];
}

/**
 * Export: tick the profiles, then download them as one zip (browser host) or copy them into a
 * folder picked in the native dialog (desktop app); then what was written, file by file, and in
 * the desktop app a button that opens the folder.
 */
export function ExportCard({ runId, profiles }: { runId: string; profiles: ExportedProfile[] }) {
  const toFolder = useStudio((s) => s.info?.host === 'electron' && s.info.canPickPaths);
  const busy = useStudio((s) => s.busy[`export:${runId}`]);
  const [chosen, setChosen] = useState<string[]>(() => profiles.map((p) => p.name));
  const [written, setWritten] = useState<Written | null>(null);
  const toggle = (name: string) => setChosen((c) => (c.includes(name) ? c.filter((n) => n !== name) : [...c, name]));
  const ordered = profiles.map((p) => p.name).filter((n) => chosen.includes(n));

  const run = async () => {
    if (toFolder) {
      const result = await exportProfilesToFolder(runId, ordered);
      if (result?.dir) setWritten({ target: result.dir, folder: true, files: result.files });
    } else {
      const zip = await downloadProfilesZip(runId, ordered);
      if (zip) setWritten({ target: zip.fileName, folder: false, bytes: zip.bytes, files: zip.files });
    }
  };

  if (profiles.length === 0) return null;
  return (
    <Card title="Export" subtitle={toFolder ? 'Copy the chosen profiles into a folder you pick' : 'Download the chosen profiles as one zip'} testId="export">
      <div className="export-choices" role="group" aria-label="Profiles to export">
        {profiles.map((p) => (
          <label key={p.name}>
            <input type="checkbox" checked={chosen.includes(p.name)} onChange={() => toggle(p.name)} data-testid={`export-profile-${p.name}`} />
            <span className="strong">{p.name}</span>
            <span className="muted">{formatBytes(p.modelBytes)}</span>
          </label>
        ))}
      </div>
      <div className="export-actions">
        <button type="button" className="btn btn-primary" disabled={ordered.length === 0 || !!busy} onClick={() => void run()} data-testid="export-button">
          {busy ? 'Exporting…' : toFolder ? `Export ${ordered.length} to a folder…` : `Download ${ordered.length} as zip`}
        </button>
        {ordered.length === 0 && <span className="muted">Choose at least one profile.</span>}
      </div>
      {written && (
        <div className="export-result" data-testid="export-result">
          <p>
            {written.folder ? 'Written to ' : 'Downloaded '}
            <span className="mono">{written.target}</span>
            {written.bytes !== undefined && <span className="muted"> ({formatBytes(written.bytes)})</span>}
            {written.folder && (
              <button type="button" className="btn btn-sm" style={{ marginLeft: 10 }} onClick={() => void openExportFolder(written.target)} data-testid="export-open-folder">
                Open folder
              </button>
            )}
          </p>
          <table className="table table-dense">
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Size</th>
              </tr>
            </thead>
            <tbody>
              {written.files.map((f) => (
                <tr key={f.path} data-testid="export-file">
                  <td className="mono">{f.path}</td>
                  <td className="num">{formatBytes(f.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
