/**
 * Hostile input through the dispatcher every host shares, in process, with what Electron's
 * structured clone can carry and JSON cannot (NaN, ±Infinity, -0, BigInt, Date, Map, typed
 * arrays, null-prototype objects) besides wrong types, huge strings, path traversal, 5,000-deep
 * nesting and prototype tricks. Every channel of REQUEST_CHANNELS is fuzzed from its own schema
 * (tests/support/schema-fuzz.ts), so channels added later are covered without editing this file:
 * the whole payload, every field alone, every field of a minimal valid payload swapped for a
 * hostile value, and a valid payload plus an unknown field. The handler must answer each with
 * data (never throw), refuse what is invalid with a short clear message, never let a path the user
 * did not choose be read, and keep working. The studio has stand-in export hooks (a folder dialog
 * and the file manager) and a finished run with one profile on disk, so the profile channels reach
 * their path logic: no payload may make them write or open a folder the dialog did not give. The serve host's WebSocket is fuzzed in
 * tests/main/hosts/serve-fuzz.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { PROFILE_FILES } from '../../../src/main/services/exports-service';
import { createRequestHandler, type RequestHandler } from '../../../src/main/ipc/request-handler';
import { REQUEST_CHANNELS, requestSchemas } from '../../../src/shared/contract';
import type { ProfileFolderExport, RunReport } from '../../../src/shared/domain';
import { fieldsOf, hostileValues, lenientObjects, minimalValid } from '../../support/schema-fuzz';
import { tempDir } from '../../support/datasets';
import { datasetRecord, newRun } from '../db/helpers';

/** Channels that take a file system path: a hostile path must never be accepted there. */
const PATH_CHANNELS = new Set(['datasets:importPath', 'profiles:openFolder', 'profiles:exportFolder']);
const ERROR_CODES = ['INVALID_REQUEST', 'NOT_FOUND', 'NOT_SUPPORTED', 'BAD_INPUT'];

describe('request handler under hostile input (every channel, from its schema)', () => {
  let dir: string;
  let studio: StudioServices;
  let handle: RequestHandler;
  let chosenFile: string;
  /** What the (stand-in) native dialog answers: cancelled until the test picks the file. */
  let dialogAnswer: string | null = null;
  /** The folder the (stand-in) export dialog answers, and what the export hooks were asked. */
  let pickedFolder: string;
  let folderDialogs = 0;
  const openedFolders: string[] = [];
  /** A finished run with one exported profile on disk: the profile channels' valid payloads name it. */
  const RUN = 'fuzz-run';
  const PROFILE = 'balanced';

  beforeAll(async () => {
    dir = tempDir('mlestar-request-fuzz-');
    chosenFile = path.join(dir, 'chosen.csv');
    fs.writeFileSync(chosenFile, 'x,label\n1,a\n2,b\n3,a\n4,b\n');
    pickedFolder = path.join(dir, 'picked');
    fs.mkdirSync(pickedFolder);
    // The desktop host: a file dialog exists, so path imports are live; so do the export hooks.
    studio = createStudio({
      dataDir: path.join(dir, 'data'),
      host: 'electron',
      pickDatasetPath: () => Promise.resolve(dialogAnswer),
      exportHooks: {
        pickExportFolder: async () => (folderDialogs++, pickedFolder),
        openFolder: async (d) => (openedFolders.push(d), ''),
      },
    });
    handle = createRequestHandler(studio);
    studio.store.datasets.insert(datasetRecord('fuzz-dataset'));
    studio.store.runs.create(newRun(RUN, 'fuzz-dataset'));
    const profileDir = path.join(studio.dataDir, 'runs', RUN, 'profiles', PROFILE);
    fs.mkdirSync(profileDir, { recursive: true });
    for (const file of PROFILE_FILES) fs.writeFileSync(path.join(profileDir, file), file === 'profile.json' ? '{}' : '# card\n');
    // Only the report's profile list matters to the exports service.
    studio.store.runs.update(RUN, { status: 'succeeded', report: { profiles: [{ name: PROFILE, holdoutScore: 0.5 }] } as unknown as RunReport });
  });
  afterAll(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds every request schema strict: no object in any payload lets unknown fields through', () => {
    const lenient = REQUEST_CHANNELS.flatMap((c) => lenientObjects(requestSchemas[c]).map((at) => `${c} ${at}`));
    expect(lenient).toEqual([]);
  });

  it('refuses every hostile payload on every channel with a clear error as data, and keeps working', async () => {
    const hostile = hostileValues({ json: false });
    const allFields = [...new Set(REQUEST_CHANNELS.flatMap((c) => fieldsOf(requestSchemas[c])))];
    let refused = 0;
    let acceptedAsData = 0;
    const withoutBase: string[] = [];
    const send = async (channel: string, payload: unknown, label: string): Promise<void> => {
      let result;
      try {
        result = await handle(channel, payload);
      } catch (error) {
        throw new Error(`${channel} threw on ${label}: ${String(error)}`);
      }
      if (result.ok) {
        // Accepted only when the schema itself accepts it (text that is plain data, e.g. a search),
        // and never a path the user did not choose: an export writes only into the dialog's folder.
        const schema = requestSchemas[channel as keyof typeof requestSchemas];
        expect(schema?.safeParse(payload ?? {}).success, `${channel} accepted ${label}`).toBe(true);
        if (channel === 'profiles:exportFolder') expect((result.data as ProfileFolderExport).dir, label).toBe(path.join(pickedFolder, `mlestar-${RUN}`));
        else expect(PATH_CHANNELS.has(channel), `${channel} accepted a path: ${label}`).toBe(false);
        acceptedAsData++;
        return;
      }
      refused++;
      expect(ERROR_CODES, `${channel} ${label}: ${result.error.message}`).toContain(result.error.code);
      expect(result.error.message.length, `${channel} ${label}`).toBeGreaterThan(10);
      expect(result.error.message.length, `${channel} ${label}: message too long`).toBeLessThan(1_000);
      expect(result.error.message, `${channel} ${label}: a stack trace`).not.toMatch(/\n\s+at /);
    };

    for (const channel of REQUEST_CHANNELS) {
      const schema = requestSchemas[channel];
      const built = minimalValid(schema);
      // The profile channels' valid payloads name the seeded run and its profile.
      const base =
        built && typeof built === 'object'
          ? { ...built, ...('runId' in built ? { runId: RUN } : {}), ...('profiles' in built ? { profiles: [PROFILE] } : {}), ...('profile' in built ? { profile: PROFILE } : {}) }
          : built;
      if (base && typeof base === 'object') expect(schema.safeParse(base).success, `${channel} base payload`).toBe(true);
      if (base === undefined && fieldsOf(schema).length > 0) withoutBase.push(channel);
      for (const { name, value } of hostile) {
        if (value !== null && value !== undefined) await send(channel, value, `payload ${name}`);
        for (const field of allFields) await send(channel, { [field]: value }, `{ ${field}: ${name} }`);
        if (base && typeof base === 'object') {
          for (const field of fieldsOf(schema)) await send(channel, { ...base, [field]: value }, `valid payload with ${field}: ${name}`);
        }
      }
      if (base && typeof base === 'object') {
        await send(channel, { ...base, sneaky: 1 }, 'valid payload plus an unknown field');
        await send(channel, { ...base, __proto__: { admin: true } }, 'valid payload with a __proto__');
      }
    }
    for (const channel of ['', 'x'.repeat(100_000), '__proto__', 'constructor', 'toString', 'runs:start:extra', 'RUNS:LIST']) await send(channel, {}, `unknown channel ${channel.slice(0, 20)}`);

    // Paths: only the file the dialog returned may be imported, however the path is spelled.
    for (const p of ['../../etc/passwd', '/etc/passwd', path.join(dir, 'data', 'studio.sqlite'), `${chosenFile}/../../etc/passwd`, `${chosenFile}.bak`]) {
      const r = await handle('datasets:importPath', { path: p });
      refused++;
      expect(r.ok ? 'accepted' : r.error.code, p).toBe('INVALID_REQUEST');
    }
    expect(await handle('datasets:importPath', { path: chosenFile }), 'not chosen yet').toMatchObject({ ok: false });
    dialogAnswer = chosenFile;
    expect(await handle('dialog:openDataset', {})).toEqual({ ok: true, data: { path: chosenFile } });
    const imported = await handle('datasets:importPath', { path: path.join(path.dirname(chosenFile), '.', 'chosen.csv') });
    expect(imported.ok && imported.data).toMatchObject({ name: 'chosen.csv', rows: 4 });

    // Exports: the hostile payloads asked the folder dialog at most for the valid run and profile,
    // wrote only into the folder it gave, and opened nothing (no export had written a folder).
    expect(openedFolders).toEqual([]);
    const written = (root: string): string[] => fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    const exportDir = path.join(pickedFolder, `mlestar-${RUN}`);
    expect(written(pickedFolder).sort()).toEqual(folderDialogs > 0 ? PROFILE_FILES.map((f) => path.join(exportDir, PROFILE, f)).sort() : []);
    expect(written(dir).filter((f) => !f.startsWith(path.join(dir, 'data') + path.sep) && !f.startsWith(pickedFolder + path.sep) && f !== chosenFile)).toEqual([]);
    // The valid export, then opening: only the folder it wrote, however the path is spelled.
    const exported = await handle('profiles:exportFolder', { runId: RUN, profiles: [PROFILE] });
    expect(exported).toMatchObject({ ok: true, data: { dir: exportDir } });
    for (const d of [pickedFolder, path.join(exportDir, PROFILE), `${exportDir}/..`, `${exportDir}-x`, '/', '.']) {
      const r = await handle('profiles:openFolder', { dir: d });
      expect(r.ok ? 'opened' : r.error.code, d).toBe('INVALID_REQUEST');
    }
    for (const d of [`${exportDir}/${PROFILE}/..`, path.relative(process.cwd(), exportDir)]) {
      expect(await handle('profiles:openFolder', { dir: d }), d).toEqual({ ok: true, data: { opened: true } });
    }
    expect(openedFolders).toEqual([exportDir, exportDir]);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const alive = await handle('datasets:list', {});
    expect(alive.ok && (alive.data as { name: string }[]).map((d) => d.name)).toContain('chosen.csv');
    console.log(
      `request fuzz: ${refused + acceptedAsData} hostile requests on ${REQUEST_CHANNELS.length} channels (${hostile.length} hostile values): ${refused} refused, ${acceptedAsData} accepted as plain data; the export folder dialog was asked ${folderDialogs} times` +
        (withoutBase.length ? `; no valid base payload could be built for ${withoutBase.join(', ')}` : ''),
    );
    expect(withoutBase).toEqual([]);
    expect(refused).toBeGreaterThan(10_000);
  }, 60_000);
});
