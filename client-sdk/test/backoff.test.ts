import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../src/backoff.js';

test('jitter 0 gives the exact seed schedule 3, 6, 12, 24, 48 s', () => {
  const delays = [1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, { interval: 3000, jitter: 0 }));
  assert.deepEqual(delays, [3000, 6000, 12000, 24000, 48000]);
});

test('delays are capped (default 16 × interval)', () => {
  assert.equal(backoffDelay(6, { interval: 3000 }), 48000);
  assert.equal(backoffDelay(30, { interval: 3000 }), 48000);
  assert.equal(backoffDelay(4, { interval: 1000, maxDelay: 5000 }), 5000);
});

test('jitter stays within ± the fraction and reaches both ends', () => {
  assert.equal(backoffDelay(1, { interval: 3000, jitter: 0.2, random: () => 0 }), 2400);
  assert.equal(backoffDelay(1, { interval: 3000, jitter: 0.2, random: () => 0.999999 }), 3600);
  assert.equal(backoffDelay(2, { interval: 3000, jitter: 0.2, random: () => 0.5 }), 6000);
  for (let attempt = 1; attempt <= 8; attempt++) {
    const base = Math.min(3000 * 2 ** (attempt - 1), 48000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(attempt, { interval: 3000, jitter: 0.2 });
      assert.ok(d >= base * 0.8 && d <= base * 1.2, `attempt ${attempt}: ${d} outside ±20 % of ${base}`);
    }
  }
});

test('pure: the same random source gives the same delay', () => {
  const random = () => 0.3;
  assert.equal(
    backoffDelay(3, { interval: 3000, jitter: 0.5, random }),
    backoffDelay(3, { interval: 3000, jitter: 0.5, random }),
  );
});
