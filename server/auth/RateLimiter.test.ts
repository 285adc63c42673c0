import { describe, expect, it } from 'vitest';
import { RateLimiter } from './RateLimiter';

describe('RateLimiter', () => {
	it('limits a key to its number of hits in the window, then lets it try again', () => {
		let now = 0;
		const limiter = new RateLimiter(3, 1000, () => now);
		for (let i = 0; i < 3; i++) limiter.hit('k');
		expect(limiter.retryAfter('k')).toBe(1000);
		now = 400;
		expect(limiter.retryAfter('k')).toBe(600);
		expect(limiter.retryAfter('other')).toBe(0);
		now = 1000;
		expect(limiter.retryAfter('k')).toBe(0);
	});

	it('holds at most its maximum of keys, forgetting the least recently hit first', () => {
		const limiter = new RateLimiter(1, 60_000, () => 0, 100);
		for (let i = 0; i < 10_000; i++) limiter.hit(`k${i}`);
		expect(limiter.size).toBe(100);
		expect(limiter.keys()[0]).toBe('k9900');
		limiter.hit('k9900'); // hit again: now the most recent
		limiter.hit('new');
		expect(limiter.keys()).not.toContain('k9901');
		expect(limiter.keys()).toContain('k9900');
	});

	it('forgets keys whose hits are all older than the window', () => {
		let now = 0;
		const limiter = new RateLimiter(5, 1000, () => now);
		for (let i = 0; i < 500; i++) limiter.hit(`k${i}`);
		now = 500;
		limiter.hit('late');
		now = 1200;
		expect(limiter.retryAfter('anything')).toBe(0);
		expect(limiter.keys()).toEqual(['late']);
	});

	it('keeps no more hits per key than its limit', () => {
		const limiter = new RateLimiter(2, 60_000, () => 0, 10);
		for (let i = 0; i < 1000; i++) limiter.hit('k');
		expect(limiter.retryAfter('k')).toBe(60_000);
		expect(limiter.size).toBe(1);
	});
});
