import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
	it('reads the defaults, and ORIGIN as an origin for links in e-mail', () => {
		expect(readConfig({})).toMatchObject({ port: 3000, origin: '', reminderDaysBefore: 3, reminderCheckMs: 3_600_000 });
		expect(readConfig({ ORIGIN: 'https://ketluan.tinh.gov.vn/' }).origin).toBe('https://ketluan.tinh.gov.vn');
		expect(readConfig({ REMINDER_DAYS_BEFORE: '0', REMINDER_CHECK_MS: '60000' })).toMatchObject({ reminderDaysBefore: 0, reminderCheckMs: 60_000 });
	});

	it('refuses a setting it cannot use, saying which and why, instead of starting with a guess', () => {
		expect(() => readConfig({ ORIGIN: 'ketluan.tinh.gov.vn' })).toThrow(/ORIGIN không hợp lệ/);
		expect(() => readConfig({ ORIGIN: 'ftp://x.vn' })).toThrow(/ORIGIN không hợp lệ/);
		expect(() => readConfig({ REMINDER_DAYS_BEFORE: '-1' })).toThrow(/REMINDER_DAYS_BEFORE không hợp lệ/);
		expect(() => readConfig({ REMINDER_CHECK_MS: 'hourly' })).toThrow(/REMINDER_CHECK_MS không hợp lệ/);
		expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT không hợp lệ/);
	});
});
