/**
 * Layout normalisation on real text: the same notice laid out as different converters write it
 * must read as the same blocks. Seed 000 is a real notice pasted from its PDF (a line break on
 * every printed line); here its list numbers are also set alone on their lines, as a PDF-to-text
 * converter does when the number sits in a column of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentNotice } from './text';
import { extractNotice } from './notice';

const SEEDS = process.env.SEEDS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'seeds');
const haveSeeds = existsSync(SEEDS);
if (!haveSeeds) console.warn(`[extract] ${SEEDS} không có: bỏ qua các phép thử bố cục trên thông báo mẫu.`);
const seed = (prefix: string) =>
	readFileSync(
		path.join(
			SEEDS,
			readdirSync(SEEDS).find((n) => n.startsWith(prefix) && n.endsWith('.txt'))!
		),
		'utf8'
	);
const blocks = (text: string) => segmentNotice(text.normalize('NFC')).map((b) => [b.marker, b.text]);
const tasks = (text: string) => extractNotice(text.normalize('NFC')).assignments.map((a) => [a.lead.map((l) => l.name).join(' + '), a.deadline?.text ?? '']);

describe.skipIf(!haveSeeds)('layout normalisation on a real notice (seed 000)', () => {
	it('joins a list number printed alone on its line to the text on the next line', () => {
		const text = seed('000');
		const apart = text.replace(/^(\d{1,2}\.|[a-zđ]\)|-) +(?=\S)/gmu, '$1\n');
		expect(apart).not.toBe(text);
		expect(apart.match(/^\d{1,2}\.$/gmu)?.length).toBeGreaterThanOrEqual(3);
		expect(blocks(apart)).toEqual(blocks(text));
		expect(tasks(apart)).toEqual(tasks(text));
	});
});
