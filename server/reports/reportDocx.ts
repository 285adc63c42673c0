/**
 * The task report as a Decree 30/2020 "BÁO CÁO" .docx: the figures sentence worded as seed 001,
 * then the tables by source and by lead agency. With the office's written paragraphs for the period
 * (ReportNarrative: sections 1, 2 and 3.1 of seed 001) the figures come after them, in section 3.
 * Layout comes from server/documents/decree30.ts.
 */
import { decree30Document, decree30Docx, type BodyBlock, type Decree30Data, type TableColumn } from '../documents/decree30';
import { formatInteger, formatPercent } from '#shared/format/vnNumber';
import { cancelledSentence, DEFAULT_ASSIGNER, dueSentence, figuresSentence, otherGroupSentences, periodPhrase } from '#shared/format/reportText';
import { shortDate } from '#shared/format/vnDate';
import { vnToday } from '#shared/tracker/status';
import type { OutcomeGroup, TaskReport } from '#shared/format/reportTypes';
import { hasNarrative, narrativeParagraphs, narrativeTitles, type NarrativeText } from '#shared/format/reportNarrative';
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
	/** The office's written paragraphs for the period (sections 1, 2 and 3.1), if any. */
	narrative?: NarrativeText | null;
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

/** The figures sentences, each a "- " paragraph (section 1, or 3.x after written paragraphs). */
function figureBlocks(report: TaskReport, assigner: string, yearToDate: TaskReport | null): BodyBlock[] {
	const lines = [
		figuresSentence(report, assigner),
		dueSentence(report),
		yearToDate && figuresSentence(yearToDate, assigner),
		...otherGroupSentences(report),
		cancelledSentence(report)
	];
	return lines.filter((l): l is string => !!l).map((l) => ({ kind: 'paragraph', text: `- ${l}` }));
}

/** The table of sources and the ranked table of lead agencies, each under its heading. */
function tableBlocks(report: TaskReport, sourcesHeading: string, agenciesHeading: string): BodyBlock[] {
	const sources = report.bySource.filter((s) => s.counts.total > 0);
	const blocks: BodyBlock[] = [
		{ kind: 'heading', text: sourcesHeading },
		{
			kind: 'table',
			columns: [{ header: 'TT', weight: 0.5, align: 'center' }, { header: 'Nguồn giao nhiệm vụ', weight: 3 }, ...COUNT_COLUMNS],
			rows: [...sources.map((s, i) => [String(i + 1), s.label, ...countCells(s)]), ['', 'Tổng cộng', ...countCells(report.totals)]],
			boldLastRow: true
		},
		{ kind: 'heading', text: agenciesHeading }
	];
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
	return blocks;
}

/**
 * Seed 001's layout with the written paragraphs: "1. Công tác chỉ đạo điều hành …", "2. Triển khai
 * các nhiệm vụ … Chính phủ …" (each when written, numbered in turn), then "N. Về kết quả thực hiện
 * …" with "N.1." the work programme (when written) starting its paragraph, "N.2. Thực hiện nhiệm vụ
 * … giao:" the figures, and the two tables.
 */
function narrativeBlocks(report: TaskReport, assigner: string, yearToDate: TaskReport | null, narrative: NarrativeText): BodyBlock[] {
	const titles = narrativeTitles(report.period.label, assigner);
	const blocks: BodyBlock[] = [];
	let n = 0;
	for (const section of ['direction', 'central'] as const) {
		const paragraphs = narrativeParagraphs(narrative[section]);
		if (!paragraphs.length) continue;
		blocks.push({ kind: 'heading', text: `${++n}. ${titles[section]}` });
		for (const text of paragraphs) blocks.push({ kind: 'paragraph', text });
	}
	const results = ++n;
	blocks.push({ kind: 'heading', text: `${results}. ${titles.results}` });
	let sub = 0;
	const programme = narrativeParagraphs(narrative.programme);
	if (programme.length) {
		sub++;
		programme.forEach((text, i) => blocks.push({ kind: 'paragraph', text: i === 0 ? `${results}.${sub}. ${text}` : text }));
	}
	blocks.push({ kind: 'paragraph', text: `${results}.${++sub}. ${titles.tasks}` });
	blocks.push(...figureBlocks(report, assigner, yearToDate));
	const sources = `${results}.${++sub}. Kết quả theo nguồn giao nhiệm vụ`;
	blocks.push(...tableBlocks(report, sources, `${results}.${++sub}. Kết quả theo cơ quan chủ trì`));
	return blocks;
}

/** The body blocks of the report (also usable for an on-screen preview). */
export function reportBody(
	report: TaskReport,
	assigner = DEFAULT_ASSIGNER,
	yearToDate: TaskReport | null = null,
	narrative: NarrativeText | null = null
): BodyBlock[] {
	const period = periodPhrase(report.period.label);
	const blocks: BodyBlock[] = [
		{
			kind: 'paragraph',
			text: `Văn phòng UBND tỉnh báo cáo kết quả thực hiện các nhiệm vụ do ${assigner} giao ${period}${report.partial ? ` (số liệu tính đến ngày ${shortDate(report.evaluatedOn)})` : ''} như sau:`
		}
	];
	if (hasNarrative(narrative)) blocks.push(...narrativeBlocks(report, assigner, yearToDate, narrative));
	else
		blocks.push(
			{ kind: 'heading', text: '1. Kết quả chung' },
			...figureBlocks(report, assigner, yearToDate),
			...tableBlocks(report, '2. Kết quả theo nguồn giao nhiệm vụ', '3. Kết quả theo cơ quan chủ trì')
		);
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
		body: reportBody(report, assigner, options.yearToDate ?? null, options.narrative ?? null),
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
