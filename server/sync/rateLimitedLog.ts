import type { SyncLog } from './types';

/** How many lines the sync server writes per window, at most, and the window. */
export interface LogLimits {
	linesPerWindow: number;
	windowMs: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { linesPerWindow: 60, windowMs: 60_000 };

/**
 * The sync server's log as the operator reads it (issue 10, low: 10 000 bad frames wrote 53 031
 * lines). One line per event — a warning's detail as its one-line message, never a stack; an
 * error keeps its stack — and at most `linesPerWindow` lines per window: what is beyond is counted
 * and said in one line once the window is over (or with the next line after it).
 */
export function rateLimitedLog(
	sink: { warn(line: string): void; error(line: string): void } = {
		warn: (line) => console.warn(line),
		error: (line) => console.error(line)
	},
	limits: LogLimits = DEFAULT_LOG_LIMITS,
	now: () => number = Date.now
): SyncLog {
	let windowStart = now();
	let written = 0;
	let suppressed = 0;
	let report: NodeJS.Timeout | undefined;
	const flush = (): void => {
		if (report !== undefined) clearTimeout(report);
		report = undefined;
		if (suppressed > 0) sink.warn(`sync: ${suppressed} more log lines not written in the last ${Math.round(limits.windowMs / 1000)} s`);
		suppressed = 0;
	};
	const write = (kind: 'warn' | 'error', message: string, detail: unknown): void => {
		const t = now();
		if (t - windowStart >= limits.windowMs) {
			flush();
			windowStart = t;
			written = 0;
		}
		if (written >= limits.linesPerWindow) {
			suppressed++;
			if (report === undefined) {
				report = setTimeout(flush, Math.max(0, windowStart + limits.windowMs - t));
				report.unref();
			}
			return;
		}
		written++;
		sink[kind](detail === undefined || detail === '' ? message : `${message}: ${describe(detail, kind === 'error')}`);
	};
	return {
		warn: (message, detail) => write('warn', message, detail),
		error: (message, detail) => write('error', message, detail)
	};
}

function describe(detail: unknown, withStack: boolean): string {
	if (detail instanceof Error) return withStack && detail.stack ? detail.stack : oneLine(`${detail.name}: ${detail.message}`);
	if (typeof detail === 'string') return oneLine(detail);
	try {
		return oneLine(JSON.stringify(detail) ?? String(detail));
	} catch {
		return oneLine(String(detail));
	}
}

function oneLine(text: string): string {
	const line = text.replace(/\s*\n\s*/g, ' ');
	return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
