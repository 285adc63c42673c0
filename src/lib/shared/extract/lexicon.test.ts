import { describe, expect, it } from 'vitest';
import * as lexicon from './lexicon';
import { extractBlock } from './block';
import { capitalised, mergeWords, withCapitals, wordsAlt, wordsRe } from './lexicon';

const lists = Object.entries(lexicon).filter((e): e is [string, readonly string[]] => Array.isArray(e[1]));

describe('word lists', () => {
	it('are lower case NFC, without empty words or repeats', () => {
		expect(lists.length).toBeGreaterThan(10);
		for (const [name, list] of lists) {
			for (const w of list) expect(`${name}: ${w}`).toBe(`${name}: ${w.normalize('NFC').toLowerCase()}`);
			expect(list.every((w) => w.trim().length > 0)).toBe(true);
			expect(new Set(list).size, name).toBe(list.length);
		}
	});
});

describe('wordsRe', () => {
	it('tries the longest word first and ends it at a word boundary', () => {
		const re = wordsRe(['giao', 'giao cho']);
		expect(re.exec('Giao cho Sở Tài chính')?.[0]).toBe('Giao cho');
		expect(re.test('giaothông')).toBe(false);
	});
	it('ignores case unless asked, and escapes the words', () => {
		expect(wordsRe(['đề nghị']).test('ĐỀ NGHỊ Sở')).toBe(true);
		expect(wordsRe(['đề nghị'], { caseSensitive: true }).test('Đề nghị Sở')).toBe(false);
		expect(wordsAlt(['a.b', 'c'])).toBe('a\\.b|c');
	});
	it('anchors at the start by default, searches with anchor false', () => {
		expect(wordsRe(['mời']).test('xin mời')).toBe(false);
		expect(wordsRe(['mời'], { anchor: false }).test('xin mời')).toBe(true);
	});
	it('merges lists without repeats', () => {
		expect(mergeWords(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
	});
});

describe('case forms', () => {
	it('capitalises the first letter only, and keeps the lower-case words beside', () => {
		expect(capitalised(['về việc', 'đề nghị của'])).toEqual(['Về việc', 'Đề nghị của']);
		expect(withCapitals(['và'])).toEqual(['và', 'Và']);
	});
	it('reads a topic marker only where it opens a sentence: a lower-case fragment still charges', () => {
		const [a] = extractBlock('về chủ trương; giao Phó Thủ tướng Chính phủ Trần Hồng Hà chỉ đạo các bộ liên quan.');
		expect(a?.lead[0]?.text).toBe('Phó Thủ tướng Chính phủ Trần Hồng Hà');
	});
});
