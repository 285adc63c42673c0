import { describe, expect, it } from 'vitest';
import { findDeadline, findDeadlines, parseDay } from './deadline';

const notice = '2023-12-27';
const first = (text: string, date: string | undefined = notice) => findDeadline(text, date);

describe('exact days', () => {
	it('[D1] reads "trước ngày 20/01/2024" as that day, end day not included', () => {
		expect(first('báo cáo trước ngày 20/01/2024 để tổng hợp')).toMatchObject({
			kind: 'date',
			date: '2024-01-20',
			inclusive: false,
			text: 'trước ngày 20/01/2024'
		});
	});
	it('keeps "xong" in the words of "xong trước ngày 30/01/2024"', () => {
		expect(first('tháo gỡ, xong trước ngày 30/01/2024.')).toMatchObject({ date: '2024-01-30', text: 'xong trước ngày 30/01/2024' });
	});
	it('[D1] reads "hết ngày 31/01/2024" and "Từ nay đến hết ngày 31/01/2024" as inclusive', () => {
		expect(first('thực hiện đến hết ngày 31/01/2024')).toMatchObject({ date: '2024-01-31', inclusive: true });
		expect(first('Từ nay đến hết ngày 31/01/2024, tập trung')).toMatchObject({
			date: '2024-01-31',
			inclusive: true,
			text: 'Từ nay đến hết ngày 31/01/2024'
		});
	});
	it('reads an hour before the day: "trước 17h00 ngày 25/9/2026"', () => {
		expect(first('nộp hồ sơ trước 17h00 ngày 25/9/2026')).toMatchObject({ date: '2026-09-25', time: '17:00', inclusive: true });
	});
	it('reads dates written with dots ("20.7.2020") and in words ("ngày 05 tháng 01 năm 2024")', () => {
		expect(first('hoàn thành trước ngày 20.7.2020')).toMatchObject({ date: '2020-07-20' });
		expect(first('báo cáo trước ngày 05 tháng 01 năm 2024')).toMatchObject({ date: '2024-01-05' });
	});
	it('takes the year of a year-less date from the notice date, rolling over after December', () => {
		expect(first('trước ngày 20/01', '2023-12-27')).toMatchObject({ date: '2024-01-20' });
		expect(first('trước ngày 20/10', '2023-03-01')).toMatchObject({ date: '2023-10-20' });
	});
	it('does not invent a year when a year-less date has no notice date', () => {
		expect(findDeadline('trước ngày 20/01')).toMatchObject({ kind: 'event' });
	});
	it('reads a dated meeting as the day: "tại phiên giao ban ngày 12/01/2024"', () => {
		expect(first('tổng hợp báo cáo tại phiên giao ban ngày 12/01/2024 để có giải pháp')).toMatchObject({
			kind: 'date',
			date: '2024-01-12'
		});
	});
	it('rejects impossible days', () => {
		expect(parseDay('31/02/2024')).toBeNull();
	});
});

describe('periods', () => {
	it('[D2] reads months with and without year', () => {
		expect(first('giải quyết trong tháng 01/2024.')).toMatchObject({ kind: 'period', from: '2024-01-01', to: '2024-01-31' });
		expect(first('hoàn thiện (trong tháng 9/2021)')).toMatchObject({ from: '2021-09-01', to: '2021-09-30' });
		expect(first('trình HĐND trong tháng 9', '2024-03-01')).toMatchObject({ from: '2024-09-01', to: '2024-09-30' });
	});
	it('[D2] reads quarters in Roman numerals, with and without year', () => {
		expect(first('báo cáo trong Quý III/2021 các nội dung')).toMatchObject({ from: '2021-07-01', to: '2021-09-30' });
		expect(first('hoàn thành trong quý II', '2024-01-10')).toMatchObject({ from: '2024-04-01', to: '2024-06-30' });
	});
	it('reads half-years and whole years', () => {
		expect(first('hoàn thành trong 6 tháng đầu năm 2025')).toMatchObject({ from: '2025-01-01', to: '2025-06-30' });
		expect(first('Trong năm 2026, Văn phòng cần')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
	});
	it('counts "trong 03 tháng" from the notice date', () => {
		expect(first('hoàn thành trong 03 tháng', '2024-01-15')).toMatchObject({ kind: 'period', from: '2024-01-15', to: '2024-04-15' });
	});
});

describe('recurring rules and events', () => {
	it('reads a weekly hour as recurring: "chậm nhất trước 16 giờ ngày thứ 6 hàng tuần"', () => {
		expect(first('cập nhật chậm nhất trước 16 giờ ngày thứ 6 hàng tuần;')).toMatchObject({
			kind: 'recurring',
			frequency: 'weekly',
			text: 'chậm nhất trước 16 giờ ngày thứ 6 hàng tuần'
		});
	});
	it('[D3] reads "định kỳ hằng tháng" and "Định kỳ hằng quý"', () => {
		expect(first('định kỳ hằng tháng báo cáo')).toMatchObject({ kind: 'recurring', frequency: 'monthly' });
		expect(first('Định kỳ hằng quý tổng hợp')).toMatchObject({ kind: 'recurring', frequency: 'quarterly' });
	});
	it('[D4] reads meetings and waiting periods as events, never as an invented day', () => {
		expect(first('báo cáo Thường trực UBND tỉnh tại cuộc họp giao ban kế tiếp.')).toMatchObject({ kind: 'event' });
		expect(first('giám sát trong thời gian chờ kết quả thanh tra.')).toMatchObject({ kind: 'event' });
		expect(first('báo cáo ngay sau khi có kết luận thanh tra')).toMatchObject({ kind: 'event' });
		// Every meeting word names a session by its place in the year, "buổi làm việc" too (one list).
		expect(first('báo cáo tại buổi làm việc cuối năm 2024 với Bộ')).toMatchObject({ kind: 'event', text: 'tại buổi làm việc cuối năm 2024' });
		expect(first('hoàn thành hồ sơ trước khi trình HĐND tỉnh')).toMatchObject({ kind: 'event', text: 'trước khi trình HĐND tỉnh' });
	});
	it('[D4] reads an open-ended bound "Trong thời gian chưa …" as an event (real text, development half rc_11)', () => {
		// tests/fixtures/extract/real/dev/rc_11 (UBND tỉnh Lào Cai, 2026), item 5.
		const text =
			'Trong thời gian chưa hoàn thành di dời, giao các sở, ngành liên quan và UBND các phường: Yên Bái, Văn Phú tăng cường hướng dẫn, kiểm tra, giám sát việc chấp hành quy định pháp luật về đất đai, môi trường, xây dựng, phòng cháy, chữa cháy và hoạt động sản xuất, kinh doanh của các doanh nghiệp trong Cụm công nghiệp Đầm Hồng; kịp thời phát hiện, xử lý vi phạm theo quy định.';
		expect(first(text, '2026-06-15')).toMatchObject({ kind: 'event', text: 'Trong thời gian chưa hoàn thành di dời' });
		expect(first('theo dõi trong khi chờ ý kiến của Bộ Tài chính.')).toMatchObject({ kind: 'event' });
		// A bare "trong thời gian tới" (the coming period) bounds nothing.
		expect(first('tiếp tục theo dõi trong thời gian tới.')).toBeNull();
	});
});

describe('phrases that are not deadlines', () => {
	it.each([
		['the date of a cited document', 'theo Văn bản số 123/UBND ngày 26/7/2021 của HĐND tỉnh'],
		['a year that describes the task', 'triển khai tốt công tác tuyển quân năm 2024'],
		['"thường xuyên"', 'thường xuyên theo dõi tiến độ'],
		['a start time', 'đẩy mạnh thu ngân sách ngay từ đầu năm để có khối lượng giải ngân từ Quý I'],
		['an emphasis period', 'nhất là trong thời điểm trước, trong và sau Đại hội'],
		['an unanchored duration', 'thực hiện 2 tháng cao điểm về GPMB'],
		['a precondition', 'Sau khi Quy hoạch vùng huyện được phê duyệt thì đề xuất'],
		['a sequence', 'đảm bảo các nội dung trước khi báo cáo Thường trực UBND tỉnh'],
		['an event date inside a proposal', 'dự kiến tổ chức tới ngày mùng 5 tháng giêng năm 2024'],
		['a budget that recurs', 'bố trí ngân sách hằng năm'],
		['the day of a weekly meeting', 'Hội nghị giao ban sáng thứ hai hàng tuần']
	])('ignores %s', (_why, text) => {
		expect(findDeadlines(text, notice)).toEqual([]);
	});
});

it('reports the span of the phrase in the text', () => {
	const text = 'Giao Sở Tài chính hướng dẫn, xong trước ngày 10/01/2024.';
	const d = first(text);
	expect(d && text.slice(d.span.start, d.span.end)).toBe('xong trước ngày 10/01/2024');
});
