/**
 * Terminal progress for an import: a redrawn one-line bar (bytes read of the file's size, rows,
 * stage) on a TTY; nothing otherwise, so piped output stays the summary alone.
 */
import type { ImportProgressEvent } from '../../../shared/domain';

export function createImportProgressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(event: ImportProgressEvent): void; done(): void } {
  const tty = Boolean(stream.isTTY);
  let drawn = false;
  return {
    update(event) {
      if (!tty) return;
      const width = 24;
      const share = event.totalBytes > 0 ? Math.min(1, event.bytesRead / event.totalBytes) : 0;
      const filled = event.stage === 'reading' ? Math.round(share * width) : event.stage === 'hashing' ? 0 : width;
      const mb = (n: number): string => (n / 1048576).toFixed(1);
      const bytes = event.totalBytes > 0 ? ` ${mb(event.bytesRead)}/${mb(event.totalBytes)} MB` : '';
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${event.stage}${bytes} ${event.rows.toLocaleString('en-US')} rows  ${event.fileName}`;
      stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
