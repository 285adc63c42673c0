import { describe, expect, it } from 'vitest';
import { rateLimitedLog } from './rateLimitedLog';

describe('rateLimitedLog', () => {
	it('writes one line per event, at most N a window, and then says how many it left out', () => {
		let now = 0;
		const lines: string[] = [];
		const log = rateLimitedLog({ warn: (l) => lines.push(l), error: (l) => lines.push(l) }, { linesPerWindow: 3, windowMs: 1000 }, () => now);
		for (let i = 0; i < 10; i++) log.warn(`sync: closing connection ${i}`, new Error('bad\nframe'));
		expect(lines).toEqual([
			'sync: closing connection 0: Error: bad frame',
			'sync: closing connection 1: Error: bad frame',
			'sync: closing connection 2: Error: bad frame'
		]);
		now = 1500;
		log.warn('sync: later');
		expect(lines.slice(3)).toEqual(['sync: 7 more log lines not written in the last 1 s', 'sync: later']);
	});

	it('keeps the stack of an error, and never throws on a detail it cannot stringify', () => {
		const lines: string[] = [];
		const log = rateLimitedLog({ warn: (l) => lines.push(l), error: (l) => lines.push(l) });
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		log.warn('sync: odd detail', circular);
		log.error('sync: store failed', new Error('disk full'));
		expect(lines[0]).toBe('sync: odd detail: [object Object]');
		expect(lines[1]).toMatch(/^sync: store failed: Error: disk full\n\s+at /);
	});
});
