/**
 * `npm run bench -- NAME [options]`: benchmarks, separate from tests; each writes JSON to
 * bench/results and compares against peers in the same run where the issue names one.
 */
import { automl } from './automl';
import { crash } from './crash';
import { fit } from './fit';
import { importBench } from './import';
import { soak } from './soak';

const BENCHMARKS: Record<string, (argv: string[]) => Promise<number>> = {
  soak,
  crash,
  automl,
  import: importBench,
  fit,
};

async function main(): Promise<number> {
  // Peers run at normal priority: so do we (the app's default lowers training below the
  // window's priority, ml/priority.ts), unless the caller asks otherwise. Children inherit it.
  process.env.MLESTAR_TRAIN_PRIORITY ??= 'normal';
  const [name, ...argv] = process.argv.slice(2);
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]`);
    return 2;
  }
  return bench(argv);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
