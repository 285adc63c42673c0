/**
 * CLI: `npm run --silent extract -- FILE.txt` prints the assignments of a plain-text notice as a
 * JSON array on stdout. Offsets are UTF-16 indices into the NFC text of the file. Errors go to
 * stderr in Vietnamese with a non-zero exit code, and nothing is printed on stdout.
 */
import { readFile } from 'node:fs/promises';
import { extractNotice } from '../src/lib/shared/extract/notice';
import type { AgencyRef, Deadline } from '../src/lib/shared/extract/types';

/** The JSON shape of a deadline on the command line. */
function deadlineJson(d: Deadline | null): Record<string, unknown> | null {
	if (!d) return null;
	switch (d.kind) {
		case 'date':
			return { kind: 'date', date: d.date, text: d.text, inclusive: d.inclusive, ...(d.time ? { time: d.time } : {}) };
		case 'period':
			return { kind: 'period', from: d.from, to: d.to, text: d.text };
		case 'recurring':
			return { kind: 'recurring', text: d.text, frequency: d.frequency };
		case 'event':
			return { kind: 'event', text: d.text };
	}
}

const refJson = (r: AgencyRef) => ({ name: r.name, text: r.text });

/**
 * The text of the file, or null when it is not text: UTF-8 (a UTF-16 file with its byte-order
 * mark, as Windows Notepad saves "Unicode", is read too). Invalid UTF-8 and control characters
 * other than tab, line feed, carriage return and form feed (NUL bytes of a binary file) mean it is
 * not a notice.
 */
function decode(bytes: Buffer): string | null {
	let text: string;
	try {
		if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
		else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
		else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u0008\u000e-\u001f\u007f]/u.test(text)) return null;
	return text;
}

async function main(): Promise<number> {
	const file = process.argv.slice(2).find((a) => a !== '--');
	if (!file) {
		process.stderr.write('Cách dùng: npm run --silent extract -- TỆP.txt\n');
		return 2;
	}
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		const why =
			code === 'ENOENT'
				? 'không tìm thấy tệp'
				: code === 'EISDIR'
					? 'đây là thư mục, không phải tệp'
					: code === 'EACCES'
						? 'không có quyền đọc tệp'
						: 'không đọc được tệp';
		process.stderr.write(`Lỗi: ${why}: ${file}\n`);
		return 1;
	}
	const raw = decode(bytes);
	if (raw === null) {
		process.stderr.write(`Lỗi: tệp không phải văn bản UTF-8 hợp lệ (có thể là tệp nhị phân hoặc mã hóa khác): ${file}\n`);
		return 1;
	}
	const result = extractNotice(raw);
	const rows = result.assignments.map((a) => ({
		start: a.span.start,
		end: a.span.end,
		lead: a.lead.map(refJson),
		support: a.support.map(refJson),
		officials: a.officials.map(refJson),
		action: a.action,
		deadline: deadlineJson(a.deadline)
	}));
	process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
	return 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		process.stderr.write(`Lỗi: không trích xuất được nhiệm vụ: ${err instanceof Error ? err.message : String(err)}\n`);
		process.exitCode = 1;
	}
);
