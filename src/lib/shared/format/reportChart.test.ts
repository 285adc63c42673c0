import { describe, expect, it } from 'vitest';
import { agencyStackedChart, escapeXml, outcomeBarChart } from './reportChart';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('report charts', () => {
	it('draws one bar per outcome, tallest for the largest count, with Vietnamese numbers', () => {
		const svg = outcomeBarChart({ doneOnTime: 1200, doneLate: 129, within: 22, overdue: 55 });
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg.endsWith('</svg>')).toBe(true);
		expect(count(svg, /<g data-series="/g)).toBe(4);
		expect(svg).toContain('<title>Kết quả thực hiện nhiệm vụ</title>');
		expect(svg).toContain('1.200 (85,3%)');
		expect(svg).toContain('Quá hạn chưa hoàn thành');
		const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(heights).toHaveLength(4);
		expect(Math.max(...heights)).toBe(heights[0]);
	});
	it('draws nothing taller than zero for an empty report, without dividing by zero', () => {
		const svg = outcomeBarChart({ doneOnTime: 0, doneLate: 0, within: 0, overdue: 0 });
		expect(svg).not.toContain('NaN');
		expect(svg).toContain('0 (—)');
	});
	it('stacks each agency’s outcomes in one row, skipping empty segments, and caps the rows', () => {
		const rows = Array.from({ length: 30 }, (_, i) => ({
			agency: `Sở số ${i + 1}`,
			counts: { doneOnTime: 10 - (i % 10), doneLate: 1, within: i % 3, overdue: 0 }
		}));
		const svg = agencyStackedChart(rows, { maxRows: 12 });
		expect(count(svg, /<g data-agency="/g)).toBe(12);
		expect(count(svg, /data-series="overdue"/g)).toBe(0);
		expect(count(svg, /<g data-legend="/g)).toBe(4);
		expect(svg).toContain('>Sở số 1<');
		expect(svg).not.toContain('Sở số 13');
	});
	it('escapes agency names so markup cannot be injected', () => {
		const svg = agencyStackedChart([{ agency: 'Sở <script>&"x"', counts: { doneOnTime: 1, doneLate: 0, within: 0, overdue: 0 } }]);
		expect(svg).not.toContain('<script>');
		expect(svg).toContain(escapeXml('Sở <script>&"x"'));
	});
});
