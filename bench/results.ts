/** Where benchmarks write their JSON: bench/results/NAME-TIMESTAMP.json (gitignored). */
import fs from 'node:fs';
import path from 'node:path';

export function writeResult(name: string, result: unknown): string {
  const dir = path.resolve(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  return file;
}
