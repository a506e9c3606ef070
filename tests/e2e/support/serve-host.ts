/**
 * Starts the real serve host (`npm run serve`'s entry, through tsx) as a child process on a free
 * port with its own data folder, and stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface RunningHost {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /**
   * Runs the host in a session of its own (detached, as Playwright starts the browser, or as a
   * service manager would start it): it then lowers its session's Linux autogroup for training
   * (src/main/hosts/host-priority.ts), so the browser's session runs first whenever it has work.
   * Otherwise the host shares the test runner's session, whose autogroup it leaves alone.
   */
  ownSession?: boolean;
}

/** Starts the host on `dataDir`; `args` are more of its command-line options (e.g. `--memory-budget 2`). */
export async function startServe(dataDir: string, args: readonly string[] = [], { ownSession = false }: ServeOptions = {}): Promise<RunningHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/hosts/serve/main.ts', '--port', '0', '--data-dir', dataDir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: ownSession });
  // Out of the runner's session (or group), the host gets no hangup when the runner dies: stop it on the way out.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
