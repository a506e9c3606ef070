#!/usr/bin/env node
// `npm start`: builds and opens the desktop app. Where Electron's binary is not installed (it is
// downloaded on first use and cannot be fetched offline), says so and opens the browser host
// instead. better-sqlite3 is built for Electron's ABI here, on the start path, into out/native —
// never in a postinstall, so `npm ci` works offline and Node keeps its own build.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(cmd, cmdArgs, options = {}) {
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronSqliteBinding(electronVersion) {
  const target = path.join(root, 'out', 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
  if (fs.existsSync(target)) return target;
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const work = fs.mkdtempSync(path.join(root, 'out', 'native-build-'));
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  const built = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'], { cwd: work, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('Could not build better-sqlite3 for Electron (this needs the network once, and a C++ toolchain).');
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}

const binary = electronBinary();
if (!binary) {
  console.log("Electron's binary is not installed and could not be downloaded (Electron fetches it on first use; that needs the network).");
  console.log('Opening the browser host instead: the same app, in your browser.');
  const child = spawn('npm', ['run', '-s', 'serve', '--', ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const binding = electronSqliteBinding(version);
  run('npx', ['electron-vite', 'build']);
  run(binary, ['.', ...args], { env: { ...process.env, MLESTAR_SQLITE_BINDING: binding } });
}
