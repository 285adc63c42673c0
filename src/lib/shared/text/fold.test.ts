import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './fold';

describe('foldVietnamese', () => {
	it('removes tones and vowel marks and maps đ to d', () => {
		expect(foldVietnamese('Sở Tài chính')).toBe('so tai chinh');
		expect(foldVietnamese('ĐÀO Đức Thắng')).toBe('dao duc thang');
	});
	it('folds decomposed (NFD) and composed (NFC) input alike', () => {
		expect(foldVietnamese('Thông báo'.normalize('NFD'))).toBe(foldVietnamese('Thông báo'.normalize('NFC')));
	});
	it('collapses whitespace', () => {
		expect(foldVietnamese('  Văn   phòng\nUBND ')).toBe('van phong ubnd');
	});
});
