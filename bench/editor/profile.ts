/**
 * Self- and total-time summary of a V8 CPU profile (CDP `Profiler.stop`), for `npm run bench:editor --
 * --profile`. When the built app has source maps (`vite build --sourcemap true`), bundle positions are
 * mapped back to the source file, line and original name; otherwise bundle names are shown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawSourceMap, SourceMapConsumer } from 'source-map-js';

/** The parts of a `Profiler.Profile` this summary reads. */
export interface CpuProfile {
	nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
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

/** A profile's busiest functions: by self time and by total (inclusive) time. */
export interface ProfileSummary {
	self: SelfTimeRow[];
	total: SelfTimeRow[];
	totalMs: number;
	busyMs: number;
}

/**
 * Functions by self time and by total time, largest first. `clientDir` is the built app's static
 * folder (`build/client`) where `<chunk>.js.map` files are looked for. A mapped name is the
 * original identifier at the function's start, which for an arrow function can be its first
 * parameter; the source line is the reliable part.
 */
export async function summariseProfile(profile: CpuProfile, clientDir: string, limit = 15): Promise<ProfileSummary> {
	// source-map-js comes with vite (not a dependency of its own): without it, bundle names are shown.
	const sourceMaps = await import('source-map-js').catch(() => null);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parentOf = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
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
		if (sourceMaps && file && existsSync(file)) consumer = new sourceMaps.SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap);
		maps.set(url, consumer);
		return consumer;
	};
	const labels = new Map<number, { name: string; where: string }>();
	const labelOf = (id: number): { name: string; where: string } => {
		const known = labels.get(id);
		if (known) return known;
		const frame = byId.get(id)!.callFrame;
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
		const label = { name, where };
		labels.set(id, label);
		return label;
	};
	const selfAgg = new Map<string, { us: number; name: string; where: string }>();
	const totalAgg = new Map<string, { us: number; name: string; where: string }>();
	const add = (agg: typeof selfAgg, label: { name: string; where: string }, us: number): void => {
		const key = `${label.name}\u0000${label.where}`;
		const row = agg.get(key) ?? { us: 0, ...label };
		row.us += us;
		agg.set(key, row);
	};
	let totalUs = 0;
	let idleUs = 0;
	for (const [id, us] of selfUs) {
		if (!byId.has(id)) continue;
		totalUs += us;
		const label = labelOf(id);
		if (label.name === '(idle)') idleUs += us;
		add(selfAgg, label, us);
		// Each function once per stack, so recursion is not counted twice.
		const seen = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
			const l = labelOf(cur);
			const key = `${l.name}\u0000${l.where}`;
			if (seen.has(key) || l.name === '(root)') continue;
			seen.add(key);
			add(totalAgg, l, us);
		}
	}
	const busyUs = totalUs - idleUs;
	const top = (agg: typeof selfAgg): SelfTimeRow[] =>
		[...agg.values()]
			.filter((r) => r.name !== '(idle)')
			.sort((a, b) => b.us - a.us)
			.slice(0, limit)
			.map((r) => ({ ms: Math.round(r.us / 100) / 10, share: busyUs > 0 ? Math.round((r.us / busyUs) * 1000) / 10 : 0, name: r.name, where: r.where }));
	return { self: top(selfAgg), total: top(totalAgg), totalMs: Math.round(totalUs / 1000), busyMs: Math.round(busyUs / 1000) };
}
