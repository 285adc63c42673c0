import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
	it('reads the defaults, and ORIGIN as an origin for links in e-mail', () => {
		expect(readConfig({})).toMatchObject({ port: 3000, origin: '', reminderDaysBefore: 3, reminderCheckMs: 3_600_000 });
		expect(readConfig({ ORIGIN: 'https://ketluan.tinh.gov.vn/' }).origin).toBe('https://ketluan.tinh.gov.vn');
		expect(readConfig({ REMINDER_DAYS_BEFORE: '0', REMINDER_CHECK_MS: '60000' })).toMatchObject({ reminderDaysBefore: 0, reminderCheckMs: 60_000 });
	});

	it('reads the limits of issue 10: attachment quota, connections per address, idle timeout', () => {
		expect(readConfig({})).toMatchObject({ attachmentQuotaBytes: 2048 * 1024 * 1024, maxConnectionsPerAddress: 200, idleTimeoutMs: 30_000 });
		expect(readConfig({ ATTACHMENT_QUOTA_MB: '1', MAX_CONNECTIONS_PER_ADDRESS: '0', IDLE_TIMEOUT_MS: '500' })).toMatchObject({
			attachmentQuotaBytes: 1024 * 1024,
			maxConnectionsPerAddress: 0,
			idleTimeoutMs: 500
		});
		expect(() => readConfig({ ATTACHMENT_QUOTA_MB: '0' })).toThrow(/ATTACHMENT_QUOTA_MB không hợp lệ/);
		expect(() => readConfig({ MAX_CONNECTIONS_PER_ADDRESS: '-5' })).toThrow(/MAX_CONNECTIONS_PER_ADDRESS không hợp lệ/);
		expect(() => readConfig({ IDLE_TIMEOUT_MS: '10' })).toThrow(/IDLE_TIMEOUT_MS không hợp lệ/);
	});

	it('refuses a setting it cannot use, saying which and why, instead of starting with a guess', () => {
		expect(() => readConfig({ ORIGIN: 'ketluan.tinh.gov.vn' })).toThrow(/ORIGIN không hợp lệ/);
		expect(() => readConfig({ ORIGIN: 'ftp://x.vn' })).toThrow(/ORIGIN không hợp lệ/);
		expect(() => readConfig({ REMINDER_DAYS_BEFORE: '-1' })).toThrow(/REMINDER_DAYS_BEFORE không hợp lệ/);
		expect(() => readConfig({ REMINDER_CHECK_MS: 'hourly' })).toThrow(/REMINDER_CHECK_MS không hợp lệ/);
		expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT không hợp lệ/);
	});
});
