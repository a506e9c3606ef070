/**
 * Export of a run's config profiles out of the app's data folder: as one zip (the browser host
 * downloads it) or copied into a folder the user picked in the native dialog (Electron). Profile
 * names are checked against the run's report, and the files read are only those the validation
 * agent wrote inside that run's folder, so no request can reach another path. A folder is opened
 * (Electron's shell) only if an export of this session wrote it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zip, type AsyncZippable } from 'fflate';
import type { ExportedFile, ProfileFolderExport, ProfileZip } from '../../shared/domain';
import { AppFailure, notFound } from '../app/errors';
import type { Store } from '../ports/repositories';

/** What each profile folder holds (DESIGN.md §2), in the order they are listed. */
export const PROFILE_FILES = ['model.onnx', 'profile.json', 'model-card.md'] as const;

export interface ExportHooks {
  /** Opens the native folder dialog; null when the user cancels (Electron only). */
  pickExportFolder?: () => Promise<string | null>;
  /** Opens a folder in the file manager; resolves to an error message, or '' on success (Electron's shell.openPath). */
  openFolder?: (dir: string) => Promise<string>;
}

interface ProfileSource {
  name: string;
  dir: string;
}

export class ExportsService {
  /** Folders written by exports of this session: the only ones `openFolder` opens. */
  private readonly written = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly hooks: ExportHooks = {},
  ) {}

  get canPickFolder(): boolean {
    return Boolean(this.hooks.pickExportFolder);
  }

  /** The markdown model card of one profile of a run. */
  modelCard(runId: string, profile: string): { markdown: string } {
    const [source] = this.sources(runId, [profile]);
    return { markdown: fs.readFileSync(this.fileOf(source, 'model-card.md'), 'utf8') };
  }

  /**
   * The chosen profiles' files as one zip: `<profile>/model.onnx`, `<profile>/profile.json`, `<profile>/model-card.md`.
   * The ONNX graphs (tens of MB of float arrays that barely compress) are stored as they are; the
   * small text files are deflated. fflate's async `zip` keeps the event loop free while it works.
   */
  async zip(runId: string, profiles: readonly string[]): Promise<ProfileZip> {
    const entries: AsyncZippable = {};
    const files: ExportedFile[] = [];
    for (const source of this.sources(runId, profiles)) {
      for (const file of PROFILE_FILES) {
        const bytes = fs.readFileSync(this.fileOf(source, file));
        entries[`${source.name}/${file}`] = [bytes, { level: file.endsWith('.onnx') ? 0 : 6 }];
        files.push({ path: `${source.name}/${file}`, bytes: bytes.length });
      }
    }
    const zipped = await new Promise<Uint8Array>((resolve, reject) =>
      zip(entries, { mtime: new Date() }, (error, data) => (error ? reject(error) : resolve(data))),
    );
    return { fileName: `mlestar-${runId}-profiles.zip`, base64: Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength).toString('base64'), bytes: zipped.length, files };
  }

  /**
   * Asks for a folder (native dialog) and copies the chosen profiles into `<folder>/mlestar-<run>/<profile>/`.
   * `dir` is null when the user cancelled the dialog (nothing is written then).
   */
  async exportToFolder(runId: string, profiles: readonly string[]): Promise<ProfileFolderExport> {
    if (!this.hooks.pickExportFolder) throw new AppFailure('NOT_SUPPORTED', 'This host has no folder dialog: download the profiles as a zip instead.');
    const sources = this.sources(runId, profiles);
    const picked = await this.hooks.pickExportFolder();
    if (!picked) return { dir: null, files: [] };
    return this.copyTo(runId, sources, picked);
  }

  /** Opens a folder an export of this session wrote. */
  async openFolder(dir: string): Promise<{ opened: true }> {
    if (!this.hooks.openFolder) throw new AppFailure('NOT_SUPPORTED', 'This host cannot open folders.');
    const resolved = path.resolve(dir);
    if (!this.written.has(resolved)) throw new AppFailure('INVALID_REQUEST', 'Only a folder an export wrote can be opened.');
    const error = await this.hooks.openFolder(resolved);
    if (error) throw new AppFailure('INTERNAL', `The folder could not be opened: ${error}`);
    return { opened: true };
  }

  /** Copies into `<parent>/mlestar-<run>/<profile>/` (exposed for the tests; the hosts go through the dialog). */
  copyTo(runId: string, sources: readonly ProfileSource[], parent: string): ProfileFolderExport {
    if (!path.isAbsolute(parent) || !fs.existsSync(parent) || !fs.statSync(parent).isDirectory()) throw new AppFailure('BAD_INPUT', `"${parent}" is not a folder.`);
    const root = path.join(parent, `mlestar-${runId}`);
    const files: ExportedFile[] = [];
    fs.mkdirSync(root, { recursive: true });
    for (const source of sources) {
      // Through a hidden temporary folder and a rename: a crash midway never leaves a profile
      // folder that looks complete but is not (app/atomic-copy.ts does the same for cli run --out).
      const target = path.join(root, source.name);
      const temp = fs.mkdtempSync(path.join(root, `.${source.name}-`));
      try {
        for (const file of PROFILE_FILES) fs.copyFileSync(this.fileOf(source, file), path.join(temp, file));
        fs.rmSync(target, { recursive: true, force: true });
        fs.renameSync(temp, target);
      } catch (error) {
        fs.rmSync(temp, { recursive: true, force: true });
        throw error;
      }
      for (const file of PROFILE_FILES) files.push({ path: `${source.name}/${file}`, bytes: fs.statSync(path.join(target, file)).size });
    }
    this.written.add(path.resolve(root));
    return { dir: root, files };
  }

  /**
   * The run's profiles named in `names` (each once, in the run's order). Refuses an unknown run,
   * a run without exported profiles, and any name that is not one of the run's profiles.
   */
  sources(runId: string, names: readonly string[]): ProfileSource[] {
    if (!this.store.runs.get(runId)) throw notFound('Run', runId);
    const report = this.store.runs.getReport(runId);
    if (!report || report.profiles.length === 0) throw new AppFailure('NOT_FOUND', `Run "${runId}" has no exported profiles (it has not finished validation).`);
    const known = report.profiles.map((p) => p.name);
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length > 0) throw new AppFailure('BAD_INPUT', `Run "${runId}" has no profile "${unknown[0].slice(0, 64)}"; its profiles are ${known.join(', ')}.`);
    if (names.length === 0) throw new AppFailure('BAD_INPUT', 'Choose at least one profile to export.');
    const runDir = path.resolve(this.dataDir, 'runs', runId, 'profiles');
    return report.profiles.filter((p) => names.includes(p.name)).map((p) => ({ name: p.name, dir: path.join(runDir, p.name) }));
  }

  private fileOf(source: ProfileSource, file: (typeof PROFILE_FILES)[number]): string {
    const full = path.join(source.dir, file);
    if (!fs.existsSync(full)) throw new AppFailure('NOT_FOUND', `The ${source.name} profile's ${file} is missing from the run's folder (was it deleted?).`);
    return full;
  }
}
