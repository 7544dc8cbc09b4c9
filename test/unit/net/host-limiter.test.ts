import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../../src/net/host-limiter.js';

describe('HostLimiter', () => {
  it('lets N requests per host run, queues the rest in order, and leaves other hosts alone', async () => {
    const limiter = new HostLimiter(() => 2);
    const a1 = await limiter.acquire('a');
    const a2 = await limiter.acquire('a');
    const order: string[] = [];
    const a3 = limiter.acquire('a').then((r) => (order.push('a3'), r));
    const a4 = limiter.acquire('a').then((r) => (order.push('a4'), r));
    const b1 = await limiter.acquire('b');
    expect(limiter.active('a')).toBe(2);
    expect(limiter.active('b')).toBe(1);
    await Promise.resolve();
    expect(order).toEqual([]);
    a1();
    a1(); // releasing twice frees only one slot
    const r3 = await a3;
    expect(order).toEqual(['a3']);
    expect(limiter.active('a')).toBe(2);
    a2();
    const r4 = await a4;
    expect(order).toEqual(['a3', 'a4']);
    r3();
    r4();
    b1();
    expect(limiter.active('a')).toBe(0);
    expect(limiter.active('b')).toBe(0);
  });

  it('stops waiting when aborted, without taking a slot', async () => {
    const limiter = new HostLimiter(() => 1);
    const first = await limiter.acquire('h');
    const controller = new AbortController();
    const waiting = limiter.acquire('h', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    first();
    expect(limiter.active('h')).toBe(0);
    const again = await limiter.acquire('h');
    expect(limiter.active('h')).toBe(1);
    again();
  });
});
