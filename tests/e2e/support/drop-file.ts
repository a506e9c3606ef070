/**
 * Drops a file on an element with real DragEvents carrying a DataTransfer, as a user's drag from
 * the file manager does (Playwright cannot drag files from outside the page).
 */
import type { Page } from 'playwright-core';

export async function dropFile(page: Page, selector: string, fileName: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  const base64 = Buffer.from(content).toString('base64');
  await page.locator(selector).evaluate(
    (target, { base64, fileName, mimeType }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type: mimeType }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { base64, fileName, mimeType },
  );
}
