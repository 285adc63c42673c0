/**
 * Edits the integration tests make, through the notice's data model (NoticeDoc) rather than raw
 * root names: text typed into paragraphs (Y.XmlText, a Y.Text) and new paragraphs (Y.XmlElement).
 */
import * as Y from 'yjs';
import { newBlockId } from '#shared/doc/blockId';
import { NoticeDoc } from '#shared/doc/noticeDoc';

/** The paragraph elements of the body. */
function paragraphs(doc: Y.Doc): Y.XmlElement[] {
	return new NoticeDoc(doc).content.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
}

/** The XmlText of a paragraph, created when the paragraph has none. */
function textOf(paragraph: Y.XmlElement): Y.XmlText {
	const first = paragraph.get(0);
	if (first instanceof Y.XmlText) return first;
	const text = new Y.XmlText();
	paragraph.insert(0, [text]);
	return text;
}

/** Number of paragraphs in the body. */
export function paragraphCount(doc: Y.Doc): number {
	return paragraphs(doc).length;
}

/**
 * Types `text` at the start or the end of paragraph `index` (modulo the count). Only at the ends,
 * so that a concurrent insert never lands inside another client's marker and splits it.
 */
export function typeInParagraph(doc: Y.Doc, index: number, text: string, atEnd = true): void {
	const all = paragraphs(doc);
	if (all.length === 0) {
		addParagraph(doc, text);
		return;
	}
	const target = textOf(all[index % all.length]!);
	target.insert(atEnd ? target.length : 0, text);
}

/** Appends a new paragraph (with a fresh block id) holding `text`. */
export function addParagraph(doc: Y.Doc, text: string): void {
	const el = new Y.XmlElement('paragraph');
	el.setAttribute('id', newBlockId());
	el.insert(0, [new Y.XmlText(text)]);
	const content = new NoticeDoc(doc).content;
	content.insert(content.length, [el]);
}

/** Deletes up to `length` characters at the start of paragraph `index`. */
export function deleteInParagraph(doc: Y.Doc, index: number, length: number): void {
	const all = paragraphs(doc);
	if (all.length === 0) return;
	const target = textOf(all[index % all.length]!);
	target.delete(0, Math.min(length, target.length));
}

/** The body as plain text, one line per paragraph. */
export function bodyText(doc: Y.Doc): string {
	return new NoticeDoc(doc).bodyText();
}

/** The whole document as one comparable string: body XML plus header fields. */
export function fingerprint(doc: Y.Doc): string {
	const notice = new NoticeDoc(doc);
	return `${notice.content.toString()}\n${JSON.stringify(notice.readMeta())}`;
}
