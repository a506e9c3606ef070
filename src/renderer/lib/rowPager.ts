/**
 * Pages of a dataset's rows for the preview grid: asks for the pages in view (plus a little
 * around them), at most a few at a time and nearest first, keeps a bounded number of pages and
 * drops the ones farthest from the view. Pure apart from the `fetch` it is given.
 */
import type { Result } from '../../shared/result';

export type Cell = string | null;
export type FetchRows = (offset: number, limit: number) => Promise<Result<Cell[][]>>;

export interface RowPagerOptions {
  total: number;
  pageSize: number;
  fetch: FetchRows;
  /** Called after a page arrives or fails. */
  onChange: () => void;
  /** Pages kept at most (the ones nearest the view stay). */
  maxPages?: number;
  /** Requests in flight at most. */
  maxConcurrent?: number;
  /** Pages asked for beyond the visible ones, on each side. */
  overscanPages?: number;
}

/** Rows per page for a table this wide: about 50,000 cells a page, 20 to 200 rows. */
export const pageSizeFor = (columns: number): number => Math.max(20, Math.min(200, Math.floor(50_000 / Math.max(1, columns))));

export class RowPager {
  private readonly pages = new Map<number, Cell[][]>();
  private readonly inFlight = new Set<number>();
  private readonly failed = new Map<number, string>();
  private wanted: number[] = [];
  private center = 0;
  private disposed = false;
  readonly total: number;
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxConcurrent: number;
  private readonly overscanPages: number;

  constructor(private readonly options: RowPagerOptions) {
    this.total = options.total;
    this.pageSize = options.pageSize;
    this.maxPages = options.maxPages ?? 24;
    this.maxConcurrent = options.maxConcurrent ?? 2;
    this.overscanPages = options.overscanPages ?? 1;
  }

  /** The row's cells, or undefined while its page is not here. */
  row(index: number): Cell[] | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Why the page holding this row failed, if it did. */
  error(index: number): string | undefined {
    return this.failed.get(Math.floor(index / this.pageSize));
  }

  /** The first failure among the wanted pages (for one message under the grid). */
  firstError(): { page: number; message: string } | null {
    for (const p of this.wanted) {
      const message = this.failed.get(p);
      if (message !== undefined) return { page: p, message };
    }
    return null;
  }

  /** Pages held now (tests, and to see eviction work). */
  cachedPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** The rows in view changed: ask for what is missing, drop what is far. */
  setView(firstVisible: number, lastVisible: number): void {
    if (this.disposed || this.total === 0 || lastVisible < firstVisible) return;
    const lastPage = Math.floor((this.total - 1) / this.pageSize);
    const a = Math.floor(firstVisible / this.pageSize);
    const b = Math.floor(lastVisible / this.pageSize);
    this.center = (a + b) / 2;
    const from = Math.max(0, a - this.overscanPages);
    const to = Math.min(lastPage, b + this.overscanPages);
    const wanted: number[] = [];
    for (let p = from; p <= to; p += 1) wanted.push(p);
    // Visible pages first, nearest to the middle of the view first.
    wanted.sort((x, y) => Number(x < a || x > b) - Number(y < a || y > b) || Math.abs(x - this.center) - Math.abs(y - this.center));
    this.wanted = wanted;
    this.evict();
    this.pump();
  }

  /** Forget failures so the pages in view are asked for again. */
  retry(): void {
    this.failed.clear();
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.pages.clear();
  }

  private pump(): void {
    for (const p of this.wanted) {
      if (this.inFlight.size >= this.maxConcurrent) return;
      if (this.pages.has(p) || this.inFlight.has(p) || this.failed.has(p)) continue;
      void this.load(p);
    }
  }

  private async load(page: number): Promise<void> {
    this.inFlight.add(page);
    const offset = page * this.pageSize;
    const limit = Math.min(this.pageSize, this.total - offset);
    let result: Result<Cell[][]>;
    try {
      result = await this.options.fetch(offset, limit);
    } catch (err) {
      result = { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
    }
    this.inFlight.delete(page);
    if (this.disposed) return;
    if (result.ok) this.pages.set(page, result.data);
    else this.failed.set(page, result.error.message);
    this.evict();
    this.options.onChange();
    this.pump();
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const keep = new Set(this.wanted);
    const byDistance = [...this.pages.keys()].filter((p) => !keep.has(p)).sort((x, y) => Math.abs(y - this.center) - Math.abs(x - this.center));
    for (const p of byDistance) {
      if (this.pages.size <= this.maxPages) break;
      this.pages.delete(p);
    }
  }
}
