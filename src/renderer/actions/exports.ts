/**
 * Export actions of the Results view: a profile's model card, the chosen profiles as a zip
 * download (browser host) or copied into a folder from the native dialog (desktop app), and
 * opening that folder.
 */
import type { ProfileFolderExport, ProfileZip } from '../../shared/domain';
import { base64ToBytesAsync } from '../lib/base64';
import { api, unwrap, whileBusy } from './client';

export async function fetchModelCard(runId: string, profile: string): Promise<string | null> {
  const result = await api().profilesModelCard({ runId, profile });
  return result.ok ? result.data.markdown : null;
}

/** Builds the zip on the main side and hands it to the browser as a download; null on failure (a banner says why). */
export function downloadProfilesZip(runId: string, profiles: string[]): Promise<ProfileZip | null> {
  return whileBusy(`export:${runId}`, 'Exporting…', async () => {
    const zip = await unwrap(api().profilesZip({ runId, profiles }));
    if (!zip) return null;
    const url = URL.createObjectURL(new Blob([await base64ToBytesAsync(zip.base64)], { type: 'application/zip' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = zip.fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return zip;
  });
}

/** Desktop app: the native folder dialog, then the copy; `dir` null when the user cancelled. */
export function exportProfilesToFolder(runId: string, profiles: string[]): Promise<ProfileFolderExport | null> {
  return whileBusy(`export:${runId}`, 'Exporting…', () => unwrap(api().profilesExportFolder({ runId, profiles })));
}

export async function openExportFolder(dir: string): Promise<void> {
  await unwrap(api().profilesOpenFolder({ dir }));
}
