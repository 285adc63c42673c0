/**
 * Issue 10, low: "a zero-length or foreign database file starts a fresh install", "an unwritable
 * data directory starts then answers 500", and no integrity check at start. Replayed on the real
 * server: each of these stops the start with exit code 1 and a message saying what is wrong, and
 * leaves the file as it was; a sound database still starts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser, makeDataDir, removeDataDir, startServer } from '../integration/harness';

/** Starts the server on `dataDir`; the output of a refused start (throws if it started). */
async function refusedStart(dataDir: string): Promise<string> {
	let server: Awaited<ReturnType<typeof startServer>> | undefined;
	try {
		server = await startServer(dataDir);
	} catch (e) {
		const message = (e as Error).message;
		expect(message).toMatch(/server exited \(1\) before it was ready/);
		return message;
	}
	await server.stop();
	throw new Error('the server started');
}

/** Makes a directory unwritable even for root (chattr +i), or as a user (chmod); false when neither can. */
function makeUnwritable(dir: string): boolean {
	if (process.getuid?.() !== 0) {
		chmodSync(dir, 0o555);
		return true;
	}
	try {
		execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function makeWritable(dir: string): void {
	if (process.getuid?.() !== 0) chmodSync(dir, 0o755);
	else
		try {
			execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
		} catch {
			// was never made immutable
		}
}

describe('the real server refuses to start on a data directory it cannot trust', () => {
	const dirs: string[] = [];
	const fresh = (): string => {
		const dir = makeDataDir();
		dirs.push(dir);
		return dir;
	};

	afterEach(() => {
		for (const dir of dirs.splice(0)) {
			makeWritable(dir);
			removeDataDir(dir);
		}
	});

	it('refuses an empty (0 byte) ketluan.db instead of starting a fresh install', async () => {
		const dir = fresh();
		writeFileSync(join(dir, 'ketluan.db'), '');
		expect(await refusedStart(dir)).toContain('rỗng (0 byte)');
		expect(statSync(join(dir, 'ketluan.db')).size).toBe(0);
	});

	it('refuses a ketluan.db that is not SQLite', async () => {
		const dir = fresh();
		writeFileSync(join(dir, 'ketluan.db'), 'not a database at all, only some text\n'.repeat(100));
		expect(await refusedStart(dir)).toContain('không phải cơ sở dữ liệu SQLite');
	});

	it("refuses another program's SQLite database, and adds nothing to it", async () => {
		const dir = fresh();
		const foreign = new Database(join(dir, 'ketluan.db'));
		foreign.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('A');`);
		foreign.close();
		const before = readFileSync(join(dir, 'ketluan.db'));
		expect(await refusedStart(dir)).toContain('cơ sở dữ liệu của chương trình khác (bảng: customers)');
		expect(readFileSync(join(dir, 'ketluan.db')).equals(before)).toBe(true);
	});

	it('refuses a damaged database (PRAGMA quick_check)', async () => {
		const dir = fresh();
		await createUser(dir, 'an', 'office');
		const file = join(dir, 'ketluan.db');
		const pageSize = 4096;
		const pages = statSync(file).size / pageSize;
		expect(pages).toBeGreaterThan(3);
		// Page 1 (the schema) intact, every later page overwritten with noise.
		const fd = openSync(file, 'r+');
		for (let page = 1; page < pages; page++) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
		closeSync(fd);
		expect(await refusedStart(dir)).toMatch(/bị hỏng \(PRAGMA quick_check|không dùng được/);
	});

	it('refuses a data directory it cannot write to', async (context) => {
		const dir = fresh();
		await createUser(dir, 'an', 'office');
		if (!makeUnwritable(dir)) context.skip();
		expect(await refusedStart(dir)).toContain('Không ghi được vào thư mục dữ liệu');
	});

	it('still starts on a sound database', async () => {
		const dir = fresh();
		await createUser(dir, 'an', 'office');
		const server = await startServer(dir);
		expect((await fetch(`${server.url}/login`)).status).toBe(200);
		await server.stop();
	});
});
