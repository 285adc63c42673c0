import { resolve } from 'node:path';

/** Settings of one server process, read once at start from the environment. */
export interface ServerConfig {
	port: number;
	host: string;
	dataDir: string;
	/** ORIGIN: the address people open ("https://ketluan.tinh.gov.vn"), for links in e-mail; '' when unset. */
	origin: string;
	/** REMINDER_DAYS_BEFORE (default 3): days before a deadline its lead agency is reminded; 0 = only once overdue. */
	reminderDaysBefore: number;
	/** REMINDER_CHECK_MS (default one hour): how often deadlines are looked at for reminders. */
	reminderCheckMs: number;
	/** ATTACHMENT_QUOTA_MB (default 2048): bytes of progress-report attachments one agency may store in all. */
	attachmentQuotaBytes: number;
	/** MAX_CONNECTIONS_PER_ADDRESS (default 200; 0 = no cap): open TCP connections (WebSockets included) one address may hold. */
	maxConnectionsPerAddress: number;
	/**
	 * IDLE_TIMEOUT_MS (default 30 s): a connection silent this long is closed — an HTTP connection
	 * between or inside requests, one still sending its headers, a WebSocket that never sends its first frame.
	 */
	idleTimeoutMs: number;
}

/** A whole number from the environment in [min, max], `fallback` when unset; anything else stops the start. */
function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} không hợp lệ: ${raw} (một số nguyên từ ${min} đến ${max})`);
	return n;
}

/**
 * Reads PORT (default 3000; 0 picks a free port), HOST (default 0.0.0.0), DATA_DIR (default
 * ./data), ORIGIN, REMINDER_DAYS_BEFORE, REMINDER_CHECK_MS, ATTACHMENT_QUOTA_MB,
 * MAX_CONNECTIONS_PER_ADDRESS and IDLE_TIMEOUT_MS.
 */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
	const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT không hợp lệ: ${env.PORT}`);
	let origin = '';
	if (env.ORIGIN) {
		const url = URL.canParse(env.ORIGIN) ? new URL(env.ORIGIN) : null;
		if (!url || !/^https?:$/.test(url.protocol)) throw new Error(`ORIGIN không hợp lệ: ${env.ORIGIN} (ví dụ https://ketluan.tinh.gov.vn)`);
		origin = url.origin;
	}
	return {
		port,
		host: env.HOST || '0.0.0.0',
		dataDir: resolve(env.DATA_DIR || 'data'),
		origin,
		reminderDaysBefore: intSetting(env, 'REMINDER_DAYS_BEFORE', 3, 0, 60),
		reminderCheckMs: intSetting(env, 'REMINDER_CHECK_MS', 3_600_000, 100, 86_400_000),
		attachmentQuotaBytes: intSetting(env, 'ATTACHMENT_QUOTA_MB', 2048, 1, 1_048_576) * 1024 * 1024,
		maxConnectionsPerAddress: intSetting(env, 'MAX_CONNECTIONS_PER_ADDRESS', 200, 0, 1_000_000),
		idleTimeoutMs: intSetting(env, 'IDLE_TIMEOUT_MS', 30_000, 200, 3_600_000)
	};
}
