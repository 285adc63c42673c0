/**
 * The task report as a Decree 30/2020 "BÁO CÁO" .docx: the figures sentence worded as seed 001,
 * then the tables by source and by lead agency. Layout comes from server/documents/decree30.ts.
 */
import { decree30Document, decree30Docx, type BodyBlock, type Decree30Data, type TableColumn } from '../documents/decree30';
import { formatInteger, formatPercent } from '#shared/format/vnNumber';
import { cancelledSentence, DEFAULT_ASSIGNER, dueSentence, figuresSentence, otherGroupSentences, periodPhrase } from '#shared/format/reportText';
import { shortDate } from '#shared/format/vnDate';
import { vnToday } from '#shared/tracker/status';
import type { OutcomeGroup, TaskReport } from '#shared/format/reportTypes';
import type { Document } from 'docx';

/** What the report document needs besides the figures; every field has an office default. */
export interface ReportDocOptions {
	issuingParent?: string;
	issuingBody?: string;
	/** The number once registered ("15"); blank spaces are left for the clerk otherwise. */
	number?: string;
	symbol?: string;
	place?: string;
	/** Date of the report (default: today in Asia/Ho_Chi_Minh). */
	date?: string;
	/** Who assigned the tasks, as the sentences name them. */
	assigner?: string;
	recipients?: string[];
	signerAuthority?: string;
	signerTitle?: string;
	signerName?: string;
	/** The year to the end of the month, said after the month's figures (seed 001). */
	yearToDate?: TaskReport | null;
}

/** The recipients of seed 001's report. */
export const DEFAULT_RECIPIENTS = [
	'Chủ tịch, các PCT UBND tỉnh',
	'Các thành viên UBND tỉnh',
	'Các sở, ban, ngành thuộc UBND tỉnh',
	'UBND các huyện, thành phố',
	'VP UBND tỉnh: LĐVP, CVTMTH',
	'Lưu: VT, TH'
];

const COUNT_COLUMNS: TableColumn[] = [
	{ header: 'Số nhiệm vụ giao', weight: 1.1, align: 'right' },
	{ header: 'Hoàn thành đúng hạn', weight: 1.1, align: 'right' },
	{ header: 'Hoàn thành quá hạn', weight: 1.1, align: 'right' },
	{ header: 'Đang thực hiện trong hạn', weight: 1.1, align: 'right' },
	{ header: 'Quá hạn chưa hoàn thành', weight: 1.1, align: 'right' },
	{ header: 'Tỷ lệ hoàn thành', weight: 1, align: 'right' }
];

function countCells(g: OutcomeGroup): string[] {
	const c = g.counts;
	return [c.assigned, c.doneOnTime, c.doneLate, c.within, c.overdue].map(formatInteger).concat(formatPercent(g.ofAssigned.done));
}

/** The body blocks of the report (also usable for an on-screen preview). */
export function reportBody(report: TaskReport, assigner = DEFAULT_ASSIGNER, yearToDate: TaskReport | null = null): BodyBlock[] {
	const period = periodPhrase(report.period.label);
	const blocks: BodyBlock[] = [
		{
			kind: 'paragraph',
			text: `Văn phòng UBND tỉnh báo cáo kết quả thực hiện các nhiệm vụ do ${assigner} giao ${period}${report.partial ? ` (số liệu tính đến ngày ${shortDate(report.evaluatedOn)})` : ''} như sau:`
		},
		{ kind: 'heading', text: '1. Kết quả chung' },
		{ kind: 'paragraph', text: `- ${figuresSentence(report, assigner)}` }
	];
	const due = dueSentence(report);
	if (due) blocks.push({ kind: 'paragraph', text: `- ${due}` });
	if (yearToDate) blocks.push({ kind: 'paragraph', text: `- ${figuresSentence(yearToDate, assigner)}` });
	for (const other of otherGroupSentences(report)) blocks.push({ kind: 'paragraph', text: `- ${other}` });
	const cancelled = cancelledSentence(report);
	if (cancelled) blocks.push({ kind: 'paragraph', text: `- ${cancelled}` });

	const sources = report.bySource.filter((s) => s.counts.total > 0);
	blocks.push({ kind: 'heading', text: '2. Kết quả theo nguồn giao nhiệm vụ' });
	blocks.push({
		kind: 'table',
		columns: [{ header: 'TT', weight: 0.5, align: 'center' }, { header: 'Nguồn giao nhiệm vụ', weight: 3 }, ...COUNT_COLUMNS],
		rows: [...sources.map((s, i) => [String(i + 1), s.label, ...countCells(s)]), ['', 'Tổng cộng', ...countCells(report.totals)]],
		boldLastRow: true
	});

	blocks.push({ kind: 'heading', text: '3. Kết quả theo cơ quan chủ trì' });
	if (report.byAgency.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có nhiệm vụ nào được giao trong kỳ.' });
	else
		blocks.push({
			kind: 'table',
			caption: 'Xếp theo tỷ lệ hoàn thành, rồi số nhiệm vụ được giao:',
			columns: [{ header: 'Xếp hạng', weight: 0.6, align: 'center' }, { header: 'Cơ quan chủ trì', weight: 3 }, ...COUNT_COLUMNS],
			rows: report.byAgency.map((a) => [String(a.rank), a.agency, ...countCells(a)])
		});
	if (report.withoutLead.total > 0)
		blocks.push({ kind: 'paragraph', text: `Có ${formatInteger(report.withoutLead.assigned)} nhiệm vụ chưa xác định cơ quan chủ trì.`, italic: true });

	blocks.push({
		kind: 'paragraph',
		text: `Trên đây là báo cáo kết quả thực hiện nhiệm vụ do ${assigner} giao ${period}. Văn phòng xin báo cáo các đồng chí Lãnh đạo UBND tỉnh./.`
	});
	return blocks;
}

/** The Decree 30 data of the report, with office defaults for what `options` leaves out. */
export function reportDocData(report: TaskReport, options: ReportDocOptions = {}): Decree30Data {
	const assigner = options.assigner ?? DEFAULT_ASSIGNER;
	const symbol = options.symbol ?? 'BC-VP';
	return {
		issuingParent: options.issuingParent ?? 'UBND TỈNH',
		issuingBody: options.issuingBody ?? 'VĂN PHÒNG',
		// Decree 30: a number is given when the document is registered; until then the clerk writes it in.
		numberLine: `Số: ${options.number ? options.number : '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0'}/${symbol}`,
		place: options.place ?? '',
		date: options.date ?? vnToday(),
		docType: 'BÁO CÁO',
		summary: `Kết quả thực hiện nhiệm vụ do ${assigner} giao ${periodPhrase(report.period.label)}`,
		body: reportBody(report, assigner, options.yearToDate ?? null),
		recipients: options.recipients ?? DEFAULT_RECIPIENTS,
		signerAuthority: options.signerAuthority ?? '',
		signerTitle: options.signerTitle ?? 'CHÁNH VĂN PHÒNG',
		signerName: options.signerName ?? ''
	};
}

/** The report as a docx Document (for callers that add to it before packing). */
export function reportDocument(report: TaskReport, options: ReportDocOptions = {}): Document {
	return decree30Document(reportDocData(report, options));
}

/** The report as .docx bytes. */
export async function reportDocx(report: TaskReport, options: ReportDocOptions = {}): Promise<Buffer> {
	return decree30Docx(reportDocData(report, options));
}
