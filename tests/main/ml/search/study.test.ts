import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { MedianPruner } from '../../../../src/main/ml/search/median-pruner';
import { RandomSampler } from '../../../../src/main/ml/search/random-sampler';
import { floatParam, intParam } from '../../../../src/main/ml/search/space';
import { Study, TrialPruned, type TrialEvent } from '../../../../src/main/ml/search/study';
import { completeTrial, type FrozenTrial, startTrial, withIntermediate } from '../../../../src/main/ml/search/trial';

const space = { x: floatParam(0, 1), n: intParam(1, 5) };

describe('Study', () => {
  it('asks, reports and tells, sending every snapshot to the sink', () => {
    const seen: [number, string, TrialEvent][] = [];
    let clock = 100;
    const study = new Study({ space, direction: 'maximize', sampler: new RandomSampler(createRng(1)), sink: (t, e) => seen.push([t.number, t.state, e]), now: () => clock++ });
    const t0 = study.ask();
    study.report(t0.number, 1, 0.3);
    const done = study.tell(t0.number, { state: 'complete', value: 0.4 });
    expect(done).toMatchObject({ number: 0, state: 'complete', value: 0.4, startedAt: 100, finishedAt: 101 });
    expect(done.intermediate).toEqual([{ step: 1, value: 0.3 }]);
    expect(t0.state).toBe('running'); // the old snapshot did not change
    expect(seen).toEqual([
      [0, 'running', 'ask'],
      [0, 'running', 'report'],
      [0, 'complete', 'tell'],
    ]);
    expect(() => study.tell(0, { state: 'complete', value: 1 })).toThrow(/already complete/);
    expect(() => study.report(5, 1, 1)).toThrow(/No trial number 5/);
  });

  it('keeps snapshots frozen', () => {
    const t = startTrial(0, { x: 1 }, 0);
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.params)).toBe(true);
    expect(() => {
      (t.params as Record<string, number>).x = 2;
    }).toThrow();
  });

  it('hands out enqueued points first and refuses points outside the space', () => {
    const study = new Study({ space, direction: 'minimize', sampler: new RandomSampler(createRng(1)) });
    study.enqueue({ x: 0.5, n: 3 });
    expect(study.ask().params).toEqual({ x: 0.5, n: 3 });
    expect(() => study.enqueue({ x: 2, n: 3 })).toThrow(RangeError);
    expect(() => study.enqueue({ x: 0.5, n: 2.5 })).toThrow(RangeError);
  });

  it('picks the best trial by direction and records NaN results and throws as failures', async () => {
    for (const direction of ['maximize', 'minimize'] as const) {
      const study = new Study({ space, direction, sampler: new RandomSampler(createRng(2)) });
      const values = [0.5, Number.NaN, 0.9, 0.1];
      let i = 0;
      await study.optimize(
        () => {
          const v = values[i++];
          if (i === 4) throw new Error('boom');
          return v;
        },
        { trials: 4 },
      );
      expect(study.trials.map((t) => t.state)).toEqual(['complete', 'failed', 'complete', 'failed']);
      expect(study.trials[3].note).toBe('boom');
      expect(study.bestTrial?.value).toBe(direction === 'maximize' ? 0.9 : 0.5);
    }
  });

  it('prunes through the handle and stops when the signal aborts', async () => {
    const study = new Study({ space, direction: 'maximize', sampler: new RandomSampler(createRng(3)), pruner: new MedianPruner({ startupTrials: 2 }) });
    const controller = new AbortController();
    let calls = 0;
    await study.optimize(
      (t) => {
        calls++;
        if (calls === 5) controller.abort();
        const level = calls <= 2 ? 1 : 0; // the first two are good, the rest hopeless
        for (let step = 1; step <= 3; step++) if (t.report(step, level)) throw new TrialPruned();
        return level;
      },
      { trials: 10, signal: controller.signal },
    );
    expect(calls).toBe(5);
    expect(study.trials.map((t) => t.state)).toEqual(['complete', 'complete', 'pruned', 'pruned', 'pruned']);
    expect(study.trials[2].intermediate).toHaveLength(1);
    expect(study.trials[2].value).toBe(0);
  });

  it('resumes from history without resending it', () => {
    const old: FrozenTrial = completeTrial(withIntermediate(startTrial(0, { x: 0.2, n: 1 }, 0), 1, 0.2), 0.2, 1);
    const sent: number[] = [];
    const study = new Study({ space, direction: 'maximize', sampler: new RandomSampler(createRng(4)), history: [old], sink: (t) => sent.push(t.number) });
    expect(study.ask().number).toBe(1);
    expect(sent).toEqual([1]);
    expect(study.bestTrial).toBe(old);
    expect(() => new Study({ space, direction: 'maximize', sampler: new RandomSampler(createRng(4)), history: [{ ...old, number: 3 }] })).toThrow(/0..n-1/);
  });
});
