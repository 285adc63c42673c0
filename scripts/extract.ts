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

async function main(): Promise<number> {
	const file = process.argv.slice(2).find((a) => a !== '--');
	if (!file) {
		process.stderr.write('Cách dùng: npm run --silent extract -- TỆP.txt\n');
		return 2;
	}
	let raw: string;
	try {
		raw = await readFile(file, 'utf8');
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		const why =
			code === 'ENOENT' ? 'không tìm thấy tệp' : code === 'EISDIR' ? 'đây là thư mục, không phải tệp' : code === 'EACCES' ? 'không có quyền đọc tệp' : 'không đọc được tệp';
		process.stderr.write(`Lỗi: ${why}: ${file}\n`);
		return 1;
	}
	if (raw.includes('\uFFFD')) {
		process.stderr.write(`Lỗi: tệp không phải văn bản UTF-8 hợp lệ: ${file}\n`);
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
