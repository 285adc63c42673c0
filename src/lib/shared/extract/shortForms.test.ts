/**
 * Short forms of a party ([P11]), on the wording of a real letter of the development half (rd_07:
 * Sở Nông nghiệp và Môi trường tỉnh Lào Cai, 6795/SNNMT-KS, to one mining company), and the layout
 * of its address block ([L9]).
 */
import { describe, expect, it } from 'vitest';
import { declaredParties, impliedShortForms } from './shortForms';
import { extractNotice } from './notice';
import { segmentNotice } from './text';
import { TaskDeriver } from '../tasks/draftTasks';
import { defaultMeta, type BodyBlock } from '../doc/noticeDoc';

const LETTER = [
	'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                                Độc lập - Tự do - Hạnh Phúc',
	'        Số: 6795 /SNNMT-KS                              Lào Cai, ngày 17 tháng 7 năm 2026',
	'       Kính gửi: Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô',
	'          (Địa chỉ: Khu công nghiệp Tằng Loỏng, Xã Tằng Loỏng, Tỉnh Lào Cai)',
	'',
	'      Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô được Bộ Nông',
	'nghiệp và Môi trường cho phép khai thác quặng sắt tại mỏ Quý Xa, xã Văn Bàn,',
	'tỉnh Lào Cai tại Giấy phép khai thác khoáng sản số 199/GP-BNNMT ngày',
	'14/7/2026. Để bảo đảm việc hoạt động khai thác khoáng sản theo quy định của',
	'pháp luật, Sở Nông nghiệp và Môi trường đề nghị Công ty thực hiện đầy đủ các',
	'nội dung sau:',
	'        1. Trước khi đưa mỏ đi vào hoạt động khai thác khoáng sản',
	'      - Thực hiện cắm mốc khu vực khai thác và thực hiện thủ tục báo cáo, bàn',
	'giao mốc giới theo đúng quy định.',
	'     - Phối hợp với UBND xã Văn Bàn khẩn trương thực hiện công tác bồi',
	'thường, giải phóng mặt bằng trước khi thực hiện xây dựng cơ bản mỏ.'
].join('\n');

describe('short forms of a party', () => {
	it('[P11] reads the head alone ("Công ty") as the one company the letter names in full', () => {
		expect(impliedShortForms(LETTER)).toEqual(['Công ty']);
		const got = extractNotice(LETTER).assignments.map((a) => ({ lead: a.lead.map((r) => r.name), support: a.support.map((r) => r.name) }));
		expect(got).toEqual([
			{ lead: ['Công ty'], support: [] },
			{ lead: ['Công ty'], support: ['UBND xã Văn Bàn'] }
		]);
	});

	it('[P11] counts a name cut by a line break or read on into the verb as the same company', () => {
		const text =
			'Kính gửi: Công ty cổ phần Khai thác và Chế\nbiến kim loại Thủ Đô.\nĐề nghị Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô nghiêm túc thực hiện. Đề nghị Công ty báo cáo.';
		expect(impliedShortForms(text)).toEqual(['Công ty']);
	});

	it('[P11] leaves "Công ty" unread when two companies are named in full, or none', () => {
		const two = 'Giao Công ty Điện lực Lào Cai và Công ty cổ phần Cấp nước Lào Cai rà soát. Đề nghị Công ty báo cáo.';
		expect(impliedShortForms(two)).toEqual([]);
		expect(impliedShortForms('Đề nghị Công ty báo cáo kết quả.')).toEqual([]);
		// A common noun in lower case is no reference to anyone.
		expect(impliedShortForms('Giao Công ty Điện lực Lào Cai rà soát các công ty con.')).toEqual([]);
	});

	it('[P11] reads a declared short form ("sau đây gọi là Nhà đầu tư")', () => {
		expect(declaredParties('Công ty Cổ phần Tập đoàn Mặt Trời (sau đây gọi là Nhà đầu tư) đề xuất dự án.')).toEqual(['Nhà đầu tư']);
	});

	it('[P11] reads them in the editor too: the blocks of a draft, with no header text', () => {
		const p = (id: string, text: string, extra: Partial<BodyBlock> = {}): BodyBlock => ({ id, type: 'paragraph', text, depth: 0, ...extra });
		const meta = { ...defaultMeta('2026-07-17'), issuingParent: 'UBND TỈNH LÀO CAI', issuingBody: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG' };
		const tasks = new TaskDeriver().derive(
			[
				p(
					'b1',
					'Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô được Bộ Nông nghiệp và Môi trường cho phép khai thác quặng sắt tại mỏ Quý Xa. Sở Nông nghiệp và Môi trường đề nghị Công ty thực hiện đầy đủ các nội dung sau:'
				),
				p('b2', 'Thực hiện cắm mốc khu vực khai thác theo đúng quy định.', { depth: 1, list: { kind: 'bullet', index: 0 } })
			],
			meta,
			new Map()
		);
		expect(tasks.map((t) => t.lead.map((r) => r.name))).toEqual([['Công ty']]);
	});
});

describe('an aside in parentheses on a line of its own', () => {
	it('[L9] ends the address block: the letter\'s first paragraph starts after "(Địa chỉ: …)"', () => {
		const texts = segmentNotice(LETTER.normalize('NFC')).map((b) => b.text);
		expect(texts).toContain(
			'Kính gửi: Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô (Địa chỉ: Khu công nghiệp Tằng Loỏng, Xã Tằng Loỏng, Tỉnh Lào Cai)'
		);
		expect(texts.some((t) => t.startsWith('Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô được Bộ Nông nghiệp'))).toBe(true);
		// An aside inside a sentence still runs on (the next line starts in lower case).
		const inSentence = segmentNotice(
			'Giao Sở Tài chính chủ trì thẩm định hồ sơ dự án đầu tư xây dựng công trình giao thông\n(bao gồm cả các khu vực phụ trợ)\nđể trình UBND tỉnh.'
		);
		expect(inSentence).toHaveLength(1);
	});
});
