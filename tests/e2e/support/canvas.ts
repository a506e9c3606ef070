/**
 * Whether an ECharts chart was really drawn: the share of painted pixels on the first canvas
 * inside an element (a chart that failed to render leaves a blank or missing canvas).
 */
import type { Page } from 'playwright-core';

/** Painted (non-transparent) pixels of the first canvas inside `[data-testid=testId]`; 0 when there is none. */
export function paintedPixels(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`[data-testid="${id}"] canvas`) as HTMLCanvasElement | null;
    const ctx = canvas && canvas.width > 0 && canvas.height > 0 ? canvas.getContext('2d') : null;
    if (!canvas || !ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  }, testId);
}
