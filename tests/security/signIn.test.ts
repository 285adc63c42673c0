/**
 * Issue 10, findings 4, 10 and medium 5, replayed against the real server over HTTP (the login
 * form's action, posted as a browser without JavaScript does):
 * - sign-in kept every attempted username, of any length, forever (4 MB usernames: +214 MB);
 * - five wrong passwords from any address locked the real user out everywhere for 60 s;
 * - 300 parallel guesses against one account were all checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../server/auth/AuthService';
import { openDatabase, type Db } from '../../server/db';
import { addUser, makeDataDir, removeDataDir, startServer, type ServerProcess } from '../integration/harness';
import { postLogin } from './signInHttp';

const PASSWORD = 'mat-khau-123';
const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng.';

describe('sign-in throttling on the real server', () => {
	let dataDir: string;
	let server: ServerProcess;

	beforeAll(async () => {
		dataDir = makeDataDir();
		await addUser(dataDir, 'an', 'Trần Văn An', 'office', PASSWORD);
		await addUser(dataDir, 'binh', 'Lê Thị Bình', 'office', PASSWORD);
		await addUser(dataDir, 'chi', 'Phạm Minh Chi', 'office', PASSWORD);
		// 300 parallel sign-ins from one address: above the default cap of connections per address
		// (issue 10 medium 9, tests/security/connections.test.ts), which is not what this file is about.
		server = await startServer(dataDir, 0, { MAX_CONNECTIONS_PER_ADDRESS: '1000' });
	});

	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('signs in with the right password (the form works at all)', async () => {
		const ok = await postLogin(server.url, { username: 'chi', password: PASSWORD });
		expect(ok).toMatchObject({ status: 303, location: '/', signedIn: true });
	});

	it('does not lock the real user out from another address after five wrong passwords from one', async () => {
		for (let i = 0; i < 5; i++) {
			const wrong = await postLogin(server.url, { username: 'an', password: `doan-sai-${i}` }, { from: '127.0.0.2' });
			expect(wrong.status).toBe(400);
			expect(wrong.body).toContain(WRONG);
		}
		// The guessing address is throttled, even with the right password …
		const throttled = await postLogin(server.url, { username: 'an', password: PASSWORD }, { from: '127.0.0.2' });
		expect(throttled.status).toBe(429);
		expect(throttled.signedIn).toBe(false);
		expect(throttled.body).toContain('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau');
		// … the user at their own address is not.
		const real = await postLogin(server.url, { username: 'an', password: PASSWORD }, { from: '127.0.0.1' });
		expect(real).toMatchObject({ status: 303, signedIn: true });
		// A third address still gets its own tries.
		expect((await postLogin(server.url, { username: 'an', password: 'doan-sai' }, { from: '127.0.0.3' })).status).toBe(400);
	});

	it('checks at most the limit of 300 parallel guesses against one account', async () => {
		const answers = await Promise.all(
			Array.from({ length: 300 }, (_, i) => postLogin(server.url, { username: 'binh', password: `doan-sai-${i}` }, { from: '127.0.0.4' }))
		);
		const statuses = answers.map((a) => a.status);
		// 400 is a password verified and found wrong; 429 refused before any verification.
		expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(295);
		expect(statuses.every((s) => s === 400 || s === 429)).toBe(true);
		expect(answers.some((a) => a.signedIn)).toBe(false);
		// The server is still up and the real user signs in from elsewhere.
		expect(await postLogin(server.url, { username: 'binh', password: PASSWORD }, { from: '127.0.0.1' })).toMatchObject({ status: 303, signedIn: true });
	});

	it('answers an over-long username with the usual error, without echoing it back', async () => {
		const huge = 'a'.repeat(4 * 1024 * 1024);
		for (let i = 0; i < 3; i++) {
			const answer = await postLogin(server.url, { username: huge + i, password: 'doan-sai' }, { from: '127.0.0.5' });
			expect(answer.status).toBe(400);
			expect(answer.body).toContain(WRONG);
			expect(answer.body.length).toBeLessThan(200_000);
		}
		// Counted as failed sign-ins of the address.
		const answers = [];
		for (let i = 0; i < 30; i++) answers.push((await postLogin(server.url, { username: 'x'.repeat(300), password: 'doan-sai' }, { from: '127.0.0.5' })).status);
		expect(answers.at(-1)).toBe(429);
	});
});

describe('what the sign-in throttle keeps (a real database, AuthService as the server runs it)', () => {
	let dataDir: string;
	let db: Db;

	beforeAll(() => {
		dataDir = makeDataDir();
		db = openDatabase(dataDir);
	});

	afterAll(() => {
		db?.close();
		removeDataDir(dataDir);
	});

	it('keeps nothing of 100 sign-ins with 4 MB usernames', async () => {
		const auth = new AuthService(db);
		const huge = 'u'.repeat(4 * 1024 * 1024);
		for (let i = 0; i < 100; i++) {
			await expect(auth.login(`${huge}${i}`, 'doan-sai', `10.0.${i}.1`)).rejects.toMatchObject({ reason: 'invalid-credentials', message: WRONG });
		}
		const { keys, chars } = auth.throttleFootprint();
		expect(keys).toBeLessThanOrEqual(100);
		expect(chars).toBeLessThan(100 * 20);
	});

	it('keeps a username of the longest accepted length at most once per address', async () => {
		const auth = new AuthService(db);
		const long = 'u'.repeat(200);
		for (let i = 0; i < 3; i++) await expect(auth.login(long, 'doan-sai', '10.1.0.1')).rejects.toMatchObject({ reason: 'invalid-credentials' });
		expect(auth.throttleFootprint().keys).toBe(2); // (account, address) and address
		await expect(auth.login(long + 'u', 'doan-sai', '10.1.0.2')).rejects.toMatchObject({ reason: 'invalid-credentials' });
		expect(auth.throttleFootprint().chars).toBeLessThan(2 * 200 + 40);
	});
});
