/**
 * Copies a folder or writes a file into a place the user chose so that a crash midway never
 * leaves something there that looks complete but is not: the copy goes to a temporary name
 * beside the target (a dot-name, hidden in file managers) and is renamed into place at the end.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Copies `source` (a folder) to `parent/name`, replacing what was there, via a temporary folder. */
export function copyFolderAtomically(source: string, parent: string, name: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const finalDir = path.join(parent, name);
  const temp = fs.mkdtempSync(path.join(parent, `.${name}-`));
  try {
    fs.cpSync(source, temp, { recursive: true });
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(temp, finalDir);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return finalDir;
}

/** Writes `file` through `file.partial` and a rename. */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
}
