import { describe, expect, it } from 'vitest';
import { PendingChanges, type PendingChange } from './PendingChanges';

describe('PendingChanges', () => {
	it('counts local changes until the server state vector covers them', () => {
		const p = new PendingChanges();
		p.record(1, 5);
		p.record(1, 9);
		p.record(2, 3);
		expect(p.count).toBe(3);
		expect(p.confirm(new Map([[1, 5]]))).toBe(1);
		expect(p.count).toBe(2);
		p.confirm(
			new Map([
				[1, 9],
				[2, 3]
			])
		);
		expect(p.count).toBe(0);
	});

	it('keeps changes of an earlier page load (another clientID) across a restore', () => {
		let saved: PendingChange[] = [];
		const first = new PendingChanges((items) => (saved = [...items]));
		first.record(7, 2);
		const second = new PendingChanges();
		second.record(8, 1);
		second.restore(saved);
		expect(second.count).toBe(2);
		second.confirm(new Map([[7, 2]]));
		expect(second.count).toBe(1);
	});

	it('does not double-count a change restored twice', () => {
		const p = new PendingChanges();
		p.restore([{ client: 1, clock: 1 }]);
		p.restore([{ client: 1, clock: 1 }]);
		expect(p.count).toBe(1);
	});

	it('forgets every pending change when they were kept elsewhere, and persists the empty list', () => {
		let saved: PendingChange[] = [{ client: 0, clock: 0 }];
		const p = new PendingChanges((items) => (saved = [...items]));
		p.record(3, 4);
		p.record(3, 8);
		p.clear();
		expect(p.count).toBe(0);
		expect(saved).toEqual([]);
	});
});
