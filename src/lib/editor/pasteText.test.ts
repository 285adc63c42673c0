import { describe, expect, it } from 'vitest';
import { pastedTextToParagraphs } from './pasteText';

describe('pasting text from a PDF', () => {
	it('joins lines the PDF broke inside a sentence and keeps numbered items apart', () => {
		const pdf = [
			'1. Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan rà soát',
			'nguồn vốn, báo cáo UBND tỉnh xong trước ngày 30/01/2024.',
			'2. Yêu cầu UBND các huyện, thành phố khẩn trương hoàn thành công tác giải',
			'phóng mặt bằng.'
		].join('\n');
		expect(pastedTextToParagraphs(pdf)).toEqual([
			'1. Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan rà soát nguồn vốn, báo cáo UBND tỉnh xong trước ngày 30/01/2024.',
			'2. Yêu cầu UBND các huyện, thành phố khẩn trương hoàn thành công tác giải phóng mặt bằng.'
		]);
	});

	it('keeps separate paragraphs that end sentences', () => {
		expect(pastedTextToParagraphs('Nhất trí chủ trương.\nGiao Văn phòng UBND tỉnh theo dõi.')).toEqual([
			'Nhất trí chủ trương.',
			'Giao Văn phòng UBND tỉnh theo dõi.'
		]);
	});

	it('normalises decomposed Vietnamese to NFC', () => {
		const [p] = pastedTextToParagraphs('Sở Tài chính\nchủ trì.'.normalize('NFD'));
		expect(p).toBe('Sở Tài chính chủ trì.');
	});
});
