/**
 * Self-time summary of a V8 CPU profile (CDP `Profiler.stop`), for `npm run bench:editor --
 * --profile`. When the built app has source maps (`vite build --sourcemap`), bundle positions are
 * mapped back to the source file, line and original name; otherwise bundle names are shown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

/** The parts of a `Profiler.Profile` this summary reads. */
export interface CpuProfile {
	nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
	samples?: number[];
	timeDeltas?: number[];
}

/** One function's self time; `share` is its percentage of the busy (non-idle) time. */
export interface SelfTimeRow {
	ms: number;
	share: number;
	name: string;
	where: string;
}

/**
 * Functions by self time, largest first. `clientDir` is the built app's static folder
 * (`build/client`) where `<chunk>.js.map` files are looked for.
 */
export function topSelfTime(profile: CpuProfile, clientDir: string, limit = 15): { rows: SelfTimeRow[]; totalMs: number; busyMs: number } {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const selfUs = new Map<number, number>();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	// timeDeltas[i] is the time since the previous sample: it belongs to the sample taken before it.
	for (let i = 0; i < samples.length - 1; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0));
	const maps = new Map<string, SourceMapConsumer | null>();
	const consumerFor = (url: string): SourceMapConsumer | null => {
		if (maps.has(url)) return maps.get(url)!;
		let consumer: SourceMapConsumer | null = null;
		const path = url.startsWith('http') ? new URL(url).pathname : '';
		const file = path ? join(clientDir, path) + '.map' : '';
		if (file && existsSync(file)) consumer = new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap);
		maps.set(url, consumer);
		return consumer;
	};
	const agg = new Map<string, { us: number; name: string; where: string }>();
	let totalUs = 0;
	let idleUs = 0;
	for (const [id, us] of selfUs) {
		const frame = byId.get(id)?.callFrame;
		if (!frame) continue;
		totalUs += us;
		if (frame.functionName === '(idle)') idleUs += us;
		let name = frame.functionName || '(anonymous)';
		let where = frame.url ? `${frame.url.replace(/^https?:\/\/[^/]+/, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
		const consumer = frame.url ? consumerFor(frame.url) : null;
		if (consumer) {
			const pos = consumer.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
			if (pos.source) {
				where = `${pos.source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '')}:${pos.line}`;
				if (pos.name) name = pos.name;
			}
		}
		const key = `${name}\u0000${where}`;
		const row = agg.get(key) ?? { us: 0, name, where };
		row.us += us;
		agg.set(key, row);
	}
	const rows = [...agg.values()]
		.sort((a, b) => b.us - a.us)
		.slice(0, limit)
		.map((r) => ({ ms: Math.round(r.us / 100) / 10, share: totalUs > idleUs ? Math.round((r.us / (totalUs - idleUs)) * 1000) / 10 : 0, name: r.name, where: r.where }));
	return { rows, totalMs: Math.round(totalUs / 1000), busyMs: Math.round((totalUs - idleUs) / 1000) };
}
