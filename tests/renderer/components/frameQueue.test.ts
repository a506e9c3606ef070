/**
 * The frame queue behind the window's charts: one job per frame, in the order owners first
 * queued, the newest job of an owner replacing its queued one, and a throwing job never stalling
 * the rest.
 */
import { describe, expect, it } from 'vitest';
import { createFrameQueue } from '../../../src/renderer/components/frameQueue';

/** A stand-in for requestAnimationFrame: frames run when the test says. */
function frames() {
  let queued: (() => void)[] = [];
  return {
    request: (callback: () => void) => queued.push(callback),
    /** Runs the callbacks asked for before this frame (as the browser does). */
    next() {
      const now = queued;
      queued = [];
      for (const callback of now) callback();
    },
    get waiting() {
      return queued.length;
    },
  };
}

describe('frame queue', () => {
  it('runs one job per frame, first queued first', () => {
    const f = frames();
    const queue = createFrameQueue(f.request);
    const ran: string[] = [];
    const a = {};
    const b = {};
    queue.schedule(a, () => ran.push('a'));
    queue.schedule(b, () => ran.push('b'));
    expect(f.waiting).toBe(1);
    f.next();
    expect(ran).toEqual(['a']);
    f.next();
    expect(ran).toEqual(['a', 'b']);
    f.next();
    expect(ran).toEqual(['a', 'b']);
    expect(f.waiting).toBe(0);
    expect(queue.size).toBe(0);
  });

  it("replaces an owner's queued job in its place in line", () => {
    const f = frames();
    const queue = createFrameQueue(f.request);
    const ran: string[] = [];
    const a = {};
    const b = {};
    queue.schedule(a, () => ran.push('a1'));
    queue.schedule(b, () => ran.push('b'));
    queue.schedule(a, () => ran.push('a2'));
    expect(queue.size).toBe(2);
    f.next();
    f.next();
    expect(ran).toEqual(['a2', 'b']);
  });

  it('lets a job queue its owner again for a later frame, behind the others', () => {
    const f = frames();
    const queue = createFrameQueue(f.request);
    const ran: string[] = [];
    const a = {};
    const b = {};
    let steps = 0;
    const step = (): void => {
      ran.push(`a${++steps}`);
      if (steps < 2) queue.schedule(a, step);
    };
    queue.schedule(a, step);
    queue.schedule(b, () => ran.push('b'));
    f.next();
    f.next();
    f.next();
    expect(ran).toEqual(['a1', 'b', 'a2']);
    expect(f.waiting).toBe(0);
  });

  it('drops a cancelled job, and goes on after a job that throws', () => {
    const f = frames();
    const queue = createFrameQueue(f.request);
    const ran: string[] = [];
    const a = {};
    const b = {};
    const c = {};
    queue.schedule(a, () => {
      throw new Error('chart gone');
    });
    queue.schedule(b, () => ran.push('b'));
    queue.schedule(c, () => ran.push('c'));
    queue.cancel(b);
    expect(() => f.next()).toThrow('chart gone');
    f.next();
    expect(ran).toEqual(['c']);
  });
});
