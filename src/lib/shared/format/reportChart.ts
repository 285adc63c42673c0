/**
 * The report's charts as SVG strings: no Svelte, DOM or chart library, so the same markup is
 * inlined in the page (server-rendered), embedded in an e-mail or converted for a document.
 * Text is escaped; every chart carries a <title> and an aria-label for screen readers.
 */
import { formatInteger, formatPercent, percentOf } from './vnNumber';

/** The four outcomes the charts show. */
export interface ChartCounts {
	doneOnTime: number;
	doneLate: number;
	within: number;
	overdue: number;
}

/** The outcomes in chart order, with their Vietnamese labels and colours. */
export const OUTCOME_SERIES = [
	{ key: 'doneOnTime', label: 'Hoàn thành đúng hạn', color: '#2e7d32' },
	{ key: 'doneLate', label: 'Hoàn thành quá hạn', color: '#9ccc65' },
	{ key: 'within', label: 'Đang thực hiện trong hạn', color: '#1e88e5' },
	{ key: 'overdue', label: 'Quá hạn chưa hoàn thành', color: '#e53935' }
] as const satisfies readonly { key: keyof ChartCounts; label: string; color: string }[];

/** Escapes text for SVG content and attribute values. */
export function escapeXml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const FONT = `font-family="'Times New Roman', serif"`;
const r1 = (n: number) => Math.round(n * 10) / 10;

function svg(width: number, height: number, title: string, body: string): string {
	const t = escapeXml(title);
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${t}"><title>${t}</title>${body}</svg>`;
}

/** Options of the charts. */
export interface ChartOptions {
	width?: number;
	height?: number;
	title?: string;
}

/**
 * A vertical bar chart of the four outcomes: one bar each, its count and its share of all four
 * above it (the share matches the report's base when nothing is cancelled).
 */
export function outcomeBarChart(counts: ChartCounts, options: ChartOptions = {}): string {
	const width = options.width ?? 560;
	const height = options.height ?? 320;
	const title = options.title ?? 'Kết quả thực hiện nhiệm vụ';
	const top = 40;
	const bottom = 56;
	const plotH = height - top - bottom;
	const total = OUTCOME_SERIES.reduce((s, o) => s + counts[o.key], 0);
	const max = Math.max(1, ...OUTCOME_SERIES.map((o) => counts[o.key]));
	const slot = width / OUTCOME_SERIES.length;
	const barW = slot * 0.55;
	const parts = [`<text x="${width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold" ${FONT}>${escapeXml(title)}</text>`];
	parts.push(`<line x1="0" y1="${top + plotH}" x2="${width}" y2="${top + plotH}" stroke="#444" stroke-width="1"/>`);
	OUTCOME_SERIES.forEach((o, i) => {
		const v = counts[o.key];
		const h = r1((v / max) * plotH);
		const x = r1(i * slot + (slot - barW) / 2);
		const y = r1(top + plotH - h);
		const cx = r1(i * slot + slot / 2);
		parts.push(
			`<g data-series="${o.key}"><rect x="${x}" y="${y}" width="${r1(barW)}" height="${h}" fill="${o.color}"><title>${escapeXml(`${o.label}: ${formatInteger(v)}`)}</title></rect>` +
				`<text x="${cx}" y="${r1(y - 6)}" text-anchor="middle" font-size="13" ${FONT}>${formatInteger(v)} (${formatPercent(percentOf(v, total))})</text>` +
				`<text x="${cx}" y="${top + plotH + 20}" text-anchor="middle" font-size="12" ${FONT}>${escapeXml(o.label)}</text></g>`
		);
	});
	return svg(width, height, title, parts.join(''));
}

/** One row of the per-agency chart. */
export interface AgencyChartRow {
	agency: string;
	counts: ChartCounts;
}

/**
 * A horizontal stacked bar per agency (in the given order — the report ranks them), each bar as
 * long as the agency's task count, split into the four outcomes, with a legend at the bottom.
 * `maxRows` keeps a 60-agency chart readable (default 20).
 */
export function agencyStackedChart(rows: readonly AgencyChartRow[], options: ChartOptions & { maxRows?: number } = {}): string {
	const width = options.width ?? 760;
	const title = options.title ?? 'Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì';
	const shown = rows.slice(0, options.maxRows ?? 20);
	const labelW = Math.round(width * 0.36);
	const rowH = 22;
	const top = 40;
	const legendH = 44;
	const height = options.height ?? top + shown.length * rowH + legendH;
	const plotW = width - labelW - 56;
	const totalOf = (c: ChartCounts) => OUTCOME_SERIES.reduce((s, o) => s + c[o.key], 0);
	const max = Math.max(1, ...shown.map((r) => totalOf(r.counts)));
	const parts = [`<text x="${width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold" ${FONT}>${escapeXml(title)}</text>`];
	shown.forEach((r, i) => {
		const y = top + i * rowH;
		let x = labelW;
		const segs: string[] = [];
		for (const o of OUTCOME_SERIES) {
			const v = r.counts[o.key];
			if (v <= 0) continue;
			const w = r1((v / max) * plotW);
			segs.push(
				`<rect data-series="${o.key}" x="${r1(x)}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${o.color}"><title>${escapeXml(`${r.agency} — ${o.label}: ${formatInteger(v)}`)}</title></rect>`
			);
			x += w;
		}
		parts.push(
			`<g data-agency="${escapeXml(r.agency)}"><text x="${labelW - 6}" y="${y + rowH / 2 + 4}" text-anchor="end" font-size="12" ${FONT}>${escapeXml(r.agency)}</text>${segs.join('')}` +
				`<text x="${r1(x + 4)}" y="${y + rowH / 2 + 4}" font-size="12" ${FONT}>${formatInteger(totalOf(r.counts))}</text></g>`
		);
	});
	const ly = top + shown.length * rowH + 18;
	const step = width / OUTCOME_SERIES.length;
	OUTCOME_SERIES.forEach((o, i) => {
		const lx = r1(i * step + 8);
		parts.push(
			`<g data-legend="${o.key}"><rect x="${lx}" y="${ly}" width="12" height="12" fill="${o.color}"/><text x="${r1(lx + 16)}" y="${ly + 11}" font-size="12" ${FONT}>${escapeXml(o.label)}</text></g>`
		);
	});
	return svg(width, height, title, parts.join(''));
}
