import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTORY, parseDirectory, DirectoryError } from './directory';
import { findParties, resolveAgency } from './matcher';
import type { AgencyDirectory, AgencyId } from './types';

const names = (text: string, asOf?: string) => findParties(text, asOf ? { asOf } : {}).map((m) => [m.text, m.name, m.kind] as const);

describe('directory agencies', () => {
	it.each([
		['Sở KH&ĐT', 'Sở Kế hoạch và Đầu tư'],
		['Sở KHĐT', 'Sở Kế hoạch và Đầu tư'],
		['Sở TN&MT', 'Sở Tài nguyên và Môi trường'],
		['Sở NN&PTNT', 'Sở Nông nghiệp và Phát triển nông thôn'],
		['Sở GTVT', 'Sở Giao thông vận tải'],
		['Sở VHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
		['Sở Văn hóa, Thể Thao và Du lịch', 'Sở Văn hóa, Thể thao và Du lịch'],
		['Sở LĐTBXH', 'Sở Lao động - Thương binh và Xã hội'],
		['Sở TT&TT', 'Sở Thông tin và Truyền thông'],
		['Sở GD&ĐT', 'Sở Giáo dục và Đào tạo'],
		['VP UBND tỉnh', 'Văn phòng UBND tỉnh'],
		['Văn phòng Ủy ban nhân dân tỉnh', 'Văn phòng UBND tỉnh'],
		['Bộ Chỉ huy Quân sự tỉnh', 'Bộ Chỉ huy Quân sự tỉnh'],
		['Văn phòng Chính phủ', 'Văn phòng Chính phủ'],
		['Bộ Kế hoạch và Đầu tư', 'Bộ Kế hoạch và Đầu tư']
	])('resolves the abbreviation or spelling "%s" to %s', (written, canonical) => {
		const [m] = findParties(`Giao ${written} chủ trì`);
		expect(m).toMatchObject({ text: written, name: canonical, known: true });
	});

	it('reads old and new tone-mark placement alike ("Hoà"/"Hòa", "Uỷ"/"Ủy")', () => {
		expect(resolveAgency('Uỷ ban nhân dân tỉnh')?.name).toBe('UBND tỉnh');
	});

	it('keeps a retired name as its own canonical name in a 2024 notice', () => {
		const [m] = findParties('Sở Kế hoạch và Đầu tư báo cáo', { asOf: '2024-01-10' });
		expect(m).toMatchObject({ name: 'Sở Kế hoạch và Đầu tư', known: true });
		expect(m?.successorName).toBeUndefined();
	});

	it('names the successor of a retired department in a notice dated after the reorganisation', () => {
		const [m] = findParties('Sở Kế hoạch và Đầu tư báo cáo', { asOf: '2025-06-01' });
		expect(m).toMatchObject({ name: 'Sở Kế hoạch và Đầu tư', successorName: 'Sở Tài chính' });
	});

	it('reads the short form "Văn phòng" but not as the head of a longer unknown name', () => {
		expect(names('Văn phòng cần xác định rõ')).toEqual([['Văn phòng', 'Văn phòng UBND tỉnh', 'agency']]);
		expect(names('Văn phòng Tỉnh ủy tham mưu')[0]?.[1]).toBe('Văn phòng Tỉnh ủy');
		expect(names('Văn phòng Huyện ủy tham mưu')[0]?.slice(0, 1)).toEqual(['Văn phòng Huyện ủy']);
		expect(names('Văn phòng Huyện ủy tham mưu')[0]?.[2]).toBe('unknown');
		expect(names('trụ sở văn phòng làm việc')).toEqual([]);
	});

	it('takes the directory as a parameter', () => {
		const dir: AgencyDirectory = {
			version: 'test',
			entries: [{ id: 'x' as AgencyId, name: 'Sở Ngoại vụ', kind: 'department', aliases: ['SNgV'] }]
		};
		expect(findParties('Giao SNgV chủ trì', { directory: dir })[0]).toMatchObject({ name: 'Sở Ngoại vụ', known: true });
	});

	it('finds an edited directory alias written in lower case, and lower-case titles and collectives', () => {
		// Most lower-case words are skipped before the matcher runs; these starts must not be.
		const dir: AgencyDirectory = {
			version: 'test',
			entries: [{ id: 'x' as AgencyId, name: 'Sở Ngoại vụ', kind: 'department', aliases: ['sngv tỉnh'] }]
		};
		expect(findParties('phối hợp với sngv tỉnh chủ trì', { directory: dir })[0]).toMatchObject({ name: 'Sở Ngoại vụ', known: true });
		expect(names('yêu cầu lãnh đạo Sở Tài chính, tất cả các đơn vị và ủy ban nhân dân xã Yên Bình').map((x) => x[0])).toEqual([
			'lãnh đạo Sở Tài chính',
			'tất cả các đơn vị',
			'ủy ban nhân dân xã Yên Bình'
		]);
	});

	it('rejects a malformed edited directory with a stable reason', () => {
		expect(() => parseDirectory({ version: '1', entries: [{ id: 'a', name: 'A', kind: 'nope' }] })).toThrow(DirectoryError);
		expect(parseDirectory(JSON.parse(JSON.stringify(DEFAULT_DIRECTORY))).entries.length).toBeGreaterThan(50);
	});
});

describe('patterns', () => {
	it("reads district and commune People's Committees as a pattern", () => {
		expect(names('UBND huyện Việt Yên tập trung')).toEqual([['UBND huyện Việt Yên', 'UBND huyện Việt Yên', 'locality']]);
		expect(names('UBND các huyện Việt Yên, Hiệp Hòa cần')[0]?.[0]).toBe('UBND các huyện Việt Yên, Hiệp Hòa');
		expect(names('yêu cầu UBND huyện, thành phố cần')[0]?.[0]).toBe('UBND huyện, thành phố');
		expect(names('UBND cấp huyện rà soát')[0]?.[0]).toBe('UBND cấp huyện');
		expect(names('phối hợp với UBND các huyện có liên quan, tổng hợp')[0]?.[0]).toBe('UBND các huyện có liên quan');
		expect(names('với Ủy ban nhân dân phường Văn Phú, Ủy ban nhân dân xã Yên Bình').map((x) => x[0])).toEqual([
			'Ủy ban nhân dân phường Văn Phú',
			'Ủy ban nhân dân xã Yên Bình'
		]);
	});

	it('reads provincial leaders with their names, and district chairs as local officials', () => {
		expect(names('Giao Phó Chủ tịch UBND tỉnh Lê Ô Pích chỉ đạo')[0]).toEqual([
			'Phó Chủ tịch UBND tỉnh Lê Ô Pích',
			'Phó Chủ tịch UBND tỉnh Lê Ô Pích',
			'leader'
		]);
		expect(names('tham mưu Chủ tịch UBND tỉnh, các Phó Chủ tịch UBND tỉnh chỉ đạo').map((x) => x[0])).toEqual([
			'Chủ tịch UBND tỉnh',
			'các Phó Chủ tịch UBND tỉnh'
		]);
		expect(names('Chủ tịch UBND huyện Lục Nam giám sát')[0]?.[2]).toBe('localOfficial');
		expect(names('Phó Thủ tướng Trần Hồng Hà chủ trì')[0]?.[0]).toBe('Phó Thủ tướng Trần Hồng Hà');
	});

	it('keeps a "có …" qualifier of a plural locality, but not "có kế hoạch" (a predicate)', () => {
		expect(names('UBND các huyện có hồ chứa rà soát lại.')[0]?.[0]).toBe('UBND các huyện có hồ chứa');
		// The predicate nouns are folded like the text ("kế hoạch" → "kế họach"): unfolded, they never matched.
		expect(names('UBND các huyện có kế hoạch rà soát lại.')[0]?.[0]).toBe('UBND các huyện');
	});

	it('keeps collectives that share one head noun as one mention', () => {
		expect(names('Các cơ quan, đơn vị, địa phương được giao')[0]?.[0]).toBe('Các cơ quan, đơn vị, địa phương');
		expect(names('yêu cầu Lãnh đạo các sở, ngành, các Ban Quản lý dự án và').map((x) => x[0])).toEqual(['Lãnh đạo các sở, ngành', 'các Ban Quản lý dự án']);
	});

	it('keeps an agency the directory does not know, as written', () => {
		expect(names('Ban Quản lý dự án đầu tư xây dựng số 1 đẩy nhanh tiến độ')).toEqual([
			['Ban Quản lý dự án đầu tư xây dựng số 1', 'Ban Quản lý dự án đầu tư xây dựng số 1', 'unknown']
		]);
		expect(names('Công ty Điện lực Lào Cai khảo sát')[0]?.[0]).toBe('Công ty Điện lực Lào Cai');
	});

	it('does not read verbs that look like agency heads ("Ban hành", "Báo cáo", "Tổ chức")', () => {
		expect(names('Ban hành văn bản. Báo cáo kết quả. Tổ chức hội nghị.')).toEqual([]);
	});
});
