import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPause } from './afterPause';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

describe('afterPause', () => {
	it('runs once, the pause after the last change, with one timer however many changes', () => {
		const fn = vi.fn();
		const pause = afterPause(fn, 150);
		for (let i = 0; i < 10; i++) {
			pause.touch();
			vi.advanceTimersByTime(100);
		}
		expect(fn).not.toHaveBeenCalled();
		expect(vi.getTimerCount()).toBe(1);
		vi.advanceTimersByTime(60);
		expect(fn).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('runs nothing once cancelled, and again after a later change', () => {
		const fn = vi.fn();
		const pause = afterPause(fn, 150);
		pause.touch();
		pause.cancel();
		vi.advanceTimersByTime(500);
		expect(fn).not.toHaveBeenCalled();
		pause.touch();
		vi.advanceTimersByTime(150);
		expect(fn).toHaveBeenCalledTimes(1);
	});
});
