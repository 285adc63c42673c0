/**
 * `npm run bench:extract`: time to extract the whole seed 004 notice (≈19 000 UTF-16 units, 47 assignments)
 * and one list item, median over many runs after a warm-up, side by side with a reference
 * measured in the same run: `text.normalize('NFC')` plus splitting into lines and trimming each
 * (the least any reader of the notice has to do). Target: < 5 ms for the whole notice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractBlock } from '../src/lib/shared/extract/block';
import { extractNotice } from '../src/lib/shared/extract/notice';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
const file = path.join(shared, 'seeds', '004_a693643e998902a8.txt');

let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch {
	process.stderr.write(`Lỗi: không đọc được ${file} (đặt SHARED_DIR nếu cần)\n`);
	process.exit(1);
}

/** Median wall time in milliseconds of `runs` calls after `warm` warm-up calls. */
function median(fn: () => unknown, runs: number, warm: number): number {
	for (let i = 0; i < warm; i++) fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		fn();
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)] ?? 0;
}

const block =
	'Kiến nghị của UBND huyện Sơn Động về việc liên quan đến khó khăn, vướng mắc trong việc cấp giấy CNQSD đất cho một số hộ dân Tuấn Đạo: Giao Sở Tài nguyên và Môi trường cử cán bộ phối hợp, hỗ trợ UBND huyện Sơn Động nghiên cứu, xem xét, giải quyết; không để vụ việc trở thành điểm nóng; báo cáo Chủ tịch UBND tỉnh trước ngày 30/01/2024.';
const reference = () =>
	text
		.normalize('NFC')
		.split('\n')
		.map((l) => l.trim());
const refBlock = () =>
	block
		.normalize('NFC')
		.split('\n')
		.map((l) => l.trim());

const count = extractNotice(text).assignments.length;
const tNotice = median(() => extractNotice(text), 200, 30);
const tRef = median(reference, 2000, 200);
const tBlock = median(() => extractBlock(block, { noticeDate: '2023-12-27' }), 3000, 300);
const tRefBlock = median(refBlock, 20000, 2000);

const ms = (x: number) => (x < 0.1 ? `${(x * 1000).toFixed(2)} µs` : `${x.toFixed(3)} ms`);
console.log(`extract — seed 004 (${text.length} chars, ${count} assignments); median of many runs after warm-up`);
console.log(`  whole notice  extractNotice        ${ms(tNotice).padStart(10)}   target < 5 ms: ${tNotice < 5 ? 'met' : 'NOT met'}`);
console.log(`                reference (NFC+lines) ${ms(tRef).padStart(10)}   ratio ×${(tNotice / tRef).toFixed(0)}`);
console.log(`  one item      extractBlock         ${ms(tBlock).padStart(10)}`);
console.log(`                reference (NFC+lines) ${ms(tRefBlock).padStart(10)}   ratio ×${(tBlock / tRefBlock).toFixed(0)}`);
