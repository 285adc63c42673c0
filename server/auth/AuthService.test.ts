import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { AuthService } from './AuthService';
import { AuthError } from './types';

let dir: string;
let db: Db;
let auth: AuthService;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'kl-auth-'));
	db = openDatabase(dir);
	auth = new AuthService(db);
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('AuthService', () => {
	it('stores passwords as argon2id hashes, never in clear', async () => {
		await auth.createUser({ username: 'an', displayName: 'Trần Văn An', password: 'mat-khau-123', role: 'office' });
		const row = db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
		expect(row.password_hash).toMatch(/^\$argon2id\$/);
		expect(row.password_hash).not.toContain('mat-khau-123');
	});

	it('opens a session for the right password and resolves it back to the user', async () => {
		await auth.createUser({ username: 'an', displayName: 'Trần Văn An', password: 'mat-khau-123', role: 'office' });
		const { sessionToken, user } = await auth.login('AN', 'mat-khau-123', '127.0.0.1');
		expect(auth.userForSession(sessionToken)?.id).toBe(user.id);
		auth.logout(sessionToken);
		expect(auth.userForSession(sessionToken)).toBeUndefined();
	});

	it('refuses a wrong password and a missing user with the same message', async () => {
		await auth.createUser({ username: 'an', displayName: 'Trần Văn An', password: 'mat-khau-123', role: 'office' });
		const wrong = await auth.login('an', 'sai', '1.1.1.1').catch((e: unknown) => e);
		const missing = await auth.login('khong-co', 'sai', '1.1.1.2').catch((e: unknown) => e);
		expect(wrong).toBeInstanceOf(AuthError);
		expect((wrong as AuthError).message).toBe((missing as AuthError).message);
	});

	it('rate-limits repeated failed sign-ins, even with the right password afterwards', async () => {
		await auth.createUser({ username: 'an', displayName: 'Trần Văn An', password: 'mat-khau-123', role: 'office' });
		for (let i = 0; i < 5; i++) await expect(auth.login('an', 'sai', '9.9.9.9')).rejects.toMatchObject({ reason: 'invalid-credentials' });
		await expect(auth.login('an', 'mat-khau-123', '9.9.9.9')).rejects.toMatchObject({ reason: 'rate-limited' });
	});

	it('issues API tokens that resolve to their user and are stored only as digests', async () => {
		const u = await auth.createUser({ username: 'bot', displayName: 'Máy', password: 'mat-khau-123', role: 'office' });
		const token = auth.createApiToken(u.id, 'bench');
		expect(auth.userForApiToken(token)?.id).toBe(u.id);
		expect(auth.userForApiToken(token + 'x')).toBeUndefined();
		const stored = db.prepare('SELECT token_hash FROM api_tokens').get() as { token_hash: string };
		expect(stored.token_hash).not.toBe(token);
		expect(auth.userForRequest({}, new URL(`http://h/sync/x?token=${token}`))?.id).toBe(u.id);
		expect(auth.userForRequest({ authorization: `Bearer ${token}` }, new URL('http://h/'))?.id).toBe(u.id);
	});

	it('rejects invalid new users with a Vietnamese reason and creates nothing', async () => {
		await expect(auth.createUser({ username: 'Nguyễn', displayName: 'X', password: 'mat-khau-123', role: 'office' })).rejects.toMatchObject({
			reason: 'invalid-input'
		});
		await expect(auth.createUser({ username: 'an', displayName: 'X', password: 'mat-khau-123', role: 'boss' as never })).rejects.toMatchObject({
			reason: 'invalid-input'
		});
		expect(auth.hasNoUsers()).toBe(true);
	});

	it('refuses a second user with the same name', async () => {
		await auth.createUser({ username: 'an', displayName: 'A', password: 'mat-khau-123', role: 'office' });
		await expect(auth.createUser({ username: 'an', displayName: 'B', password: 'mat-khau-456', role: 'leader' })).rejects.toMatchObject({
			reason: 'username-taken'
		});
	});
});
