/**
 * Removes what a killed process may have left half-written: temporary profile folders
 * (`runs/ID/profiles/.NAME-xxxx`) and partial files (`*.partial`). Their final counterparts are
 * only ever created by rename, so anything matching here is incomplete by construction.
 */
import fs from 'node:fs';
import path from 'node:path';

export function removePartialFiles(dataDir: string): number {
  let removed = 0;
  const visit = (dir: string, depth: number): void => {
    if (depth > 4 || !fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const temporaryProfile = entry.isDirectory() && entry.name.startsWith('.') && path.basename(dir) === 'profiles';
      if (temporaryProfile || (entry.isFile() && entry.name.endsWith('.partial'))) {
        fs.rmSync(full, { recursive: true, force: true });
        removed++;
      } else if (entry.isDirectory()) visit(full, depth + 1);
    }
  };
  visit(path.join(dataDir, 'runs'), 0);
  visit(path.join(dataDir, 'datasets'), 0);
  return removed;
}
