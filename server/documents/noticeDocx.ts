/**
 * "Tải .docx": a notice as a Decree 30/2020 "THÔNG BÁO" in Word. The header fields and the rich
 * body of the notice's doc are mapped onto the shared layout (decree30.ts), which the monthly
 * report uses too.
 */
import type * as Y from 'yjs';
import { NoticeDoc, type NoticeMeta, type RichBlock } from '#shared/doc/noticeDoc';
import { foldVietnamese } from '#shared/text/fold';
import { decree30Docx, type BodyBlock, type Decree30Data } from './decree30';

/** Room left for the number of a notice not yet issued ("Số:      /TB-VP"). */
const NUMBER_BLANK = '\u00a0'.repeat(6);

/**
 * The body in Decree 30 form: Word's automatic numbering is not used — numbered items carry their
 * number in the text ("1. …"), as the decree's samples and every provincial notice write them, so
 * the numbers survive any editor; bullet items start with "- ".
 */
export function noticeBodyBlocks(body: readonly RichBlock[]): BodyBlock[] {
	const out: BodyBlock[] = [];
	let n = 0;
	for (const b of body) {
		const text = b.runs.map((r) => r.text).join('');
		if (!text.trim()) {
			n = 0;
			continue;
		}
		const runs = b.runs.map((r) => ({ text: r.text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}) }));
		if (b.type === 'heading') {
			n = 0;
			out.push({ kind: 'heading', text, runs });
			continue;
		}
		let prefix = '';
		if (b.list === 'ordered') prefix = `${++n}. `;
		else {
			n = 0;
			if (b.list === 'bullet') prefix = '- ';
		}
		out.push({ kind: 'paragraph', text: prefix + text, runs: prefix ? [{ text: prefix }, ...runs] : runs });
	}
	return out;
}

/** The Decree 30 data of a notice. */
export function noticeDocData(meta: NoticeMeta, body: readonly RichBlock[]): Decree30Data {
	return {
		issuingParent: meta.issuingParent,
		issuingBody: meta.issuingBody,
		numberLine: `Số: ${meta.number.trim() || NUMBER_BLANK}/${meta.symbol.trim()}`,
		place: meta.place,
		date: /^\d{4}-\d{2}-\d{2}$/u.test(meta.date) ? meta.date : '',
		docType: 'THÔNG BÁO',
		summary: meta.title,
		body: noticeBodyBlocks(body),
		recipients: meta.recipients.split('\n').filter((l) => l.trim()),
		signerAuthority: meta.signerAuthority,
		signerTitle: meta.signerTitle,
		signerName: meta.signerName,
		// A number written in a draft's header is what its writers intend, not an official one.
		draft: meta.state !== 'issued'
	};
}

/** A notice's doc as .docx bytes. */
export function noticeDocx(doc: Y.Doc): Promise<Buffer> {
	const notice = new NoticeDoc(doc);
	return decree30Docx(noticeDocData(notice.readMeta(), notice.readBody()));
}

/**
 * The download's file name: "TB-12-TB-VP-ket-luan-cua-chu-tich….docx" in ASCII (every browser and
 * mail gateway keeps it) and the same in Vietnamese for `filename*` (RFC 5987).
 */
export function noticeFileName(meta: Pick<NoticeMeta, 'number' | 'symbol' | 'title'>): { ascii: string; utf8: string } {
	const number = meta.number.trim() ? `${meta.number.trim()}-${meta.symbol.trim()}` : meta.symbol.trim();
	const title = meta.title.trim().split(/\s+/u).slice(0, 12).join(' ');
	// eslint-disable-next-line no-control-regex -- control characters cannot appear in a file name
	const utf8 = `Thông báo ${[number, title].filter(Boolean).join(' ')}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, '-').trim() || 'Thông báo';
	const ascii =
		foldVietnamese(utf8)
			.replace(/[^a-z0-9]+/giu, '-')
			.replace(/^-+|-+$/gu, '')
			.slice(0, 120) || 'thong-bao';
	return { ascii: `${ascii}.docx`, utf8: `${utf8.slice(0, 150)}.docx` };
}

/** The Content-Disposition header of a download with an ASCII name and its UTF-8 form (RFC 6266/5987). */
export function attachmentHeader(name: { ascii: string; utf8: string }): string {
	const encoded = encodeURIComponent(name.utf8).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}
