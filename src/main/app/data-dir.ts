/**
 * Where the app keeps its data: the OS app-data folder by default (the same folder for the
 * Electron, serve and CLI hosts, so a run started in one is seen by the others), overridden by
 * `--data-dir DIR` or `MLESTAR_DATA_DIR`.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'MLE-STAR Studio';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** `explicit` (from `--data-dir`) wins over `MLESTAR_DATA_DIR`, which wins over the OS default. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.MLESTAR_DATA_DIR;
  return chosen ? path.resolve(chosen) : defaultDataDir(env);
}
