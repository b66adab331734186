import { describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../../src-core/contract/api';
import { EventBus } from '../../../src-main/app/event-bus';
import { ProgressThrottle } from '../../../src-main/service/progress-throttle';

const epoch = (n: number) => ({ epoch: n, loss: 1 / n, lr: 0.01, seconds: 0.001 });

function setup() {
  const bus = new EventBus();
  const events: EventPayloads['run.progress'][] = [];
  bus.subscribe((name, payload) => name === 'run.progress' && events.push(payload as EventPayloads['run.progress']));
  let clock = 1000;
  // A long interval and a hand-moved clock: nothing here depends on real time.
  const throttle = new ProgressThrottle(bus, 60_000, () => clock);
  return { events, throttle, advance: (ms: number) => (clock += ms) };
}

describe('ProgressThrottle', () => {
  it('tells the first epoch at once, holds the next ones, and sends them together with the newest', () => {
    const { events, throttle } = setup();
    for (let n = 1; n <= 50; n++) throttle.epoch('a', epoch(n));
    expect(events).toEqual([{ runId: 'a', metrics: epoch(1) }]);
    throttle.finish('a');
    expect(events).toHaveLength(2);
    expect(events[1]!.metrics).toEqual(epoch(50));
    expect(events[1]!.earlier!.map((m) => m.epoch)).toEqual(Array.from({ length: 48 }, (_, i) => i + 2));
  });

  it('sends again once the interval has passed, and keeps runs apart', () => {
    const { events, throttle, advance } = setup();
    throttle.epoch('a', epoch(1));
    throttle.epoch('b', epoch(1));
    throttle.epoch('a', epoch(2));
    advance(60_000);
    throttle.epoch('a', epoch(3));
    expect(events.map((e) => [e.runId, e.metrics.epoch, e.earlier?.map((m) => m.epoch)])).toEqual([
      ['a', 1, undefined],
      ['b', 1, undefined],
      ['a', 3, [2]],
    ]);
    throttle.finish('a');
    throttle.finish('b');
    expect(events).toHaveLength(3);
  });
});
