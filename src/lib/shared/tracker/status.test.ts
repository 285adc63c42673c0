import { describe, expect, it } from 'vitest';
import { addDays, computeStatus, daysBetween, statusKey, statusLabel, vnDay, vnToday, type TaskFacts } from './status';

const base: TaskFacts = { originalDue: '2024-01-30', workingDue: '2024-01-30' };

describe('task status', () => {
	it('is within the deadline with more than 3 days left', () => {
		expect(computeStatus(base, '2024-01-26')).toEqual({ kind: 'open', due: 'within', daysLeft: 4 });
	});
	it('is due soon with 3 days or less left, including the due day itself', () => {
		expect(statusKey(computeStatus(base, '2024-01-27'))).toBe('due-soon');
		expect(computeStatus(base, '2024-01-30')).toEqual({ kind: 'open', due: 'due-soon', daysLeft: 0 });
		expect(statusLabel(computeStatus(base, '2024-01-30'))).toBe('Đến hạn hôm nay');
	});
	it('is overdue from the day after the due day', () => {
		expect(computeStatus(base, '2024-01-31')).toEqual({ kind: 'open', due: 'overdue', daysLeft: -1 });
		expect(statusLabel(computeStatus(base, '2024-02-05'))).toBe('Quá hạn 6 ngày');
	});
	it('has no deadline when none was set', () => {
		expect(statusKey(computeStatus({ originalDue: null, workingDue: null }, '2030-01-01'))).toBe('no-deadline');
	});
	it('awaits confirmation once the agency reports it done, keeping how due it is', () => {
		expect(computeStatus({ ...base, reportedDoneOn: '2024-02-02' }, '2024-02-03')).toEqual({
			kind: 'awaiting-confirmation',
			reportedOn: '2024-02-02',
			due: 'overdue'
		});
	});
	it('is done on time or late depending on the day the work was done', () => {
		expect(statusKey(computeStatus({ ...base, completedOn: '2024-01-30' }, '2024-03-01'))).toBe('done-on-time');
		expect(statusKey(computeStatus({ ...base, completedOn: '2024-01-31' }, '2024-03-01'))).toBe('done-late');
	});
	it('moves the working deadline on an approved extension but judges statistics by the original one', () => {
		const extended: TaskFacts = { originalDue: '2024-01-30', workingDue: '2024-02-15' };
		expect(statusKey(computeStatus(extended, '2024-02-05'))).toBe('within');
		const done = computeStatus({ ...extended, completedOn: '2024-02-10' }, '2024-02-20');
		expect(done).toMatchObject({ kind: 'done', onTime: false, onTimeWorking: true });
	});
	it('is cancelled with its reason whatever else happened', () => {
		expect(computeStatus({ ...base, reportedDoneOn: '2024-01-20', cancelledOn: '2024-01-21', cancelReason: 'Không còn phù hợp' }, '2024-02-01')).toEqual({
			kind: 'cancelled',
			reason: 'Không còn phù hợp',
			cancelledOn: '2024-01-21'
		});
	});
	it('counts days in Asia/Ho_Chi_Minh: 23:59 and 00:00 local fall on different days', () => {
		// 2024-01-30 16:59:59Z is 23:59:59 on the 30th in Hà Nội; one second later it is the 31st.
		expect(vnDay(Date.parse('2024-01-30T16:59:59Z'))).toBe('2024-01-30');
		expect(vnDay(Date.parse('2024-01-30T17:00:00Z'))).toBe('2024-01-31');
		expect(vnToday(new Date('2024-01-30T17:00:00Z'))).toBe('2024-01-31');
		// A report sent at 00:30 local on the 31st is late for a task due on the 30th.
		const completedOn = vnDay(Date.parse('2024-01-30T17:30:00Z'));
		expect(statusKey(computeStatus({ ...base, completedOn }, '2024-02-01'))).toBe('done-late');
	});
	it('does day arithmetic across months and leap days', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
		expect(daysBetween('2023-12-31', '2024-01-01')).toBe(1);
	});
});
