import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { AuthService } from './AuthService';
import { AuthError, type Revocation } from './types';

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

describe('AuthService: managing users and ending credentials (issue 9 [8], issue 10 medium 8)', () => {
	const PASSWORD = 'mat-khau-123';
	const heard: Revocation[] = [];
	beforeEach(() => {
		heard.length = 0;
		auth.onRevocation((r) => heard.push(r));
	});
	const admin = () => auth.createUser({ username: 'quantri', displayName: 'Quản trị', password: PASSWORD, role: 'admin' });
	const office = () => auth.createUser({ username: 'an', displayName: 'Trần Văn An', password: PASSWORD, role: 'office', email: 'an@so.vn' });

	it('edits name, e-mail, role and agency; a changed role or agency is announced, a new name alone is not', async () => {
		await admin();
		const an = await office();
		auth.updateUser(an.id, { displayName: '  Trần Văn Ân ', email: 'an2@so.vn', role: 'office', agency: null });
		expect(auth.getUser(an.id)).toMatchObject({ displayName: 'Trần Văn Ân', email: 'an2@so.vn', role: 'office' });
		expect(heard).toEqual([]);
		auth.updateUser(an.id, { displayName: 'Trần Văn Ân', email: null, role: 'agency', agency: 'Sở Tài chính' });
		expect(auth.getUser(an.id)).toMatchObject({ role: 'agency', agency: 'Sở Tài chính', email: null });
		expect(heard).toEqual([{ userId: an.id, reason: 'access-changed' }]);
	});

	it('refuses a bad edit with a Vietnamese reason and changes nothing', async () => {
		await admin();
		const an = await office();
		expect(() => auth.updateUser(an.id, { displayName: ' ', email: null, role: 'office', agency: null })).toThrow('Vui lòng nhập họ tên.');
		expect(() => auth.updateUser(an.id, { displayName: 'A', email: 'khong-phai-thu', role: 'office', agency: null })).toThrow(
			'Địa chỉ thư điện tử không hợp lệ.'
		);
		expect(() => auth.updateUser(an.id, { displayName: 'A', email: null, role: 'agency', agency: null })).toThrow('Người dùng của cơ quan cần tên cơ quan.');
		expect(() => auth.updateUser('khong-co', { displayName: 'A', email: null, role: 'office', agency: null })).toThrow('Không tìm thấy người dùng.');
		expect(auth.getUser(an.id)).toMatchObject({ displayName: 'Trần Văn An', email: 'an@so.vn', role: 'office' });
	});

	it('never leaves the office without an active administrator', async () => {
		const qt = await admin();
		expect(() => auth.updateUser(qt.id, { displayName: 'Quản trị', email: null, role: 'office', agency: null })).toThrow(/quản trị viên cuối cùng/);
		expect(() => auth.setDisabled(qt.id, true)).toThrow(/quản trị viên cuối cùng/);
		expect(auth.getUser(qt.id)).toMatchObject({ role: 'admin', disabled: false });
		// A second administrator, disabled, does not count; once enabled it does.
		const hai = await auth.createUser({ username: 'quantri2', displayName: 'Quản trị 2', password: PASSWORD, role: 'admin' });
		auth.setDisabled(hai.id, true);
		expect(() => auth.setDisabled(qt.id, true)).toThrow(/quản trị viên cuối cùng/);
		auth.setDisabled(hai.id, false);
		auth.updateUser(qt.id, { displayName: 'Quản trị', email: null, role: 'office', agency: null });
		expect(auth.getUser(qt.id)?.role).toBe('office');
	});

	it('a disabled user cannot sign in, its sessions end and its tokens are refused until enabled', async () => {
		await admin();
		const an = await office();
		const { sessionToken } = await auth.login('an', PASSWORD, '127.0.0.1');
		const token = auth.createApiToken(an.id, 'script');
		auth.setDisabled(an.id, true);
		expect(heard).toEqual([{ userId: an.id, reason: 'user-disabled' }]);
		expect(auth.userForSession(sessionToken)).toBeUndefined();
		expect(auth.userForApiToken(token)).toBeUndefined();
		await expect(auth.login('an', PASSWORD, '127.0.0.1')).rejects.toMatchObject({
			reason: 'disabled',
			message: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.'
		});
		// A wrong password still says only that it is wrong.
		await expect(auth.login('an', 'sai-roi-123', '127.0.0.1')).rejects.toMatchObject({ reason: 'invalid-credentials' });
		auth.setDisabled(an.id, false);
		expect(auth.userForApiToken(token)?.id).toBe(an.id);
		// The old session stays ended.
		expect(auth.userForSession(sessionToken)).toBeUndefined();
		expect((await auth.login('an', PASSWORD, '127.0.0.1')).user.id).toBe(an.id);
	});

	it('an administrator resets a password to a chosen one or to a one-time one that must be changed', async () => {
		await admin();
		const an = await office();
		const { sessionToken } = await auth.login('an', PASSWORD, '127.0.0.1');
		await expect(auth.resetPassword(an.id, 'ngan')).rejects.toMatchObject({ reason: 'invalid-input', message: 'Mật khẩu phải có ít nhất 8 ký tự.' });
		expect(auth.userForSession(sessionToken)?.id).toBe(an.id);
		const chosen = await auth.resetPassword(an.id, 'mat-khau-moi-1');
		expect(chosen).toEqual({ password: 'mat-khau-moi-1', oneTime: false });
		expect(auth.userForSession(sessionToken)).toBeUndefined();
		expect(heard).toEqual([{ userId: an.id, reason: 'password-reset', kind: 'session' }]);
		await expect(auth.login('an', PASSWORD, '127.0.0.1')).rejects.toMatchObject({ reason: 'invalid-credentials' });
		expect((await auth.login('an', 'mat-khau-moi-1', '127.0.0.1')).user.mustChangePassword).toBe(false);

		const once = await auth.resetPassword(an.id, null);
		expect(once.oneTime).toBe(true);
		expect(once.password).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
		const signedIn = await auth.login('an', once.password, '127.0.0.1');
		expect(signedIn.user.mustChangePassword).toBe(true);
		await auth.changePassword(an.id, once.password, 'cua-rieng-toi', signedIn.sessionToken, '127.0.0.1');
		expect(auth.getUser(an.id)?.mustChangePassword).toBe(false);
	});

	it('changing one’s own password asks for the current one and ends every other session only', async () => {
		const an = await office();
		const here = await auth.login('an', PASSWORD, '127.0.0.1');
		const elsewhere = await auth.login('an', PASSWORD, '127.0.0.2');
		const token = auth.createApiToken(an.id, 'script');
		await expect(auth.changePassword(an.id, 'sai-roi-123', 'mat-khau-moi-1', here.sessionToken, '127.0.0.1')).rejects.toMatchObject({
			reason: 'wrong-password',
			message: 'Mật khẩu hiện tại không đúng.'
		});
		await expect(auth.changePassword(an.id, PASSWORD, 'ngan', here.sessionToken, '127.0.0.1')).rejects.toMatchObject({ reason: 'invalid-input' });
		expect(auth.userForSession(elsewhere.sessionToken)?.id).toBe(an.id);
		expect(heard).toEqual([]);
		await auth.changePassword(an.id, PASSWORD, 'mat-khau-moi-1', here.sessionToken, '127.0.0.1');
		expect(auth.userForSession(here.sessionToken)?.id).toBe(an.id);
		expect(auth.userForSession(elsewhere.sessionToken)).toBeUndefined();
		expect(auth.userForApiToken(token)?.id).toBe(an.id);
		expect(heard).toHaveLength(1);
		expect(heard[0]).toMatchObject({ userId: an.id, reason: 'password-changed', kind: 'session' });
		expect(heard[0]!.exceptKey).toMatch(/^[0-9a-f]{64}$/);
		await expect(auth.login('an', 'mat-khau-moi-1', '127.0.0.3')).resolves.toBeTruthy();
	});

	it('throttles guesses of the current password', async () => {
		const an = await office();
		for (let i = 0; i < 5; i++)
			await expect(auth.changePassword(an.id, `sai-${i}-xxxx`, 'mat-khau-moi-1', undefined, '9.9.9.9')).rejects.toMatchObject({ reason: 'wrong-password' });
		await expect(auth.changePassword(an.id, PASSWORD, 'mat-khau-moi-1', undefined, '9.9.9.9')).rejects.toMatchObject({ reason: 'rate-limited' });
	});

	it('signing out announces the one session that ended', async () => {
		const an = await office();
		const { sessionToken } = await auth.login('an', PASSWORD, '127.0.0.1');
		const found = auth.credentialForRequest({ cookie: `kl_session=${sessionToken}` }, new URL('http://h/sync/x'));
		expect(found?.credential).toMatchObject({ userId: an.id, kind: 'session' });
		auth.logout(sessionToken);
		expect(heard).toEqual([{ userId: an.id, reason: 'signed-out', credentialKey: found!.credential.key }]);
		auth.logout(sessionToken);
		expect(heard).toHaveLength(1);
	});

	it('API tokens expire (90 days unless told), are listed without their secret and revoked by token, id or user', async () => {
		const an = await office();
		const before = Date.now();
		const t90 = auth.createApiToken(an.id, 'script');
		const t1 = auth.createApiToken(an.id, 'ngan-han', 1);
		expect(() => auth.createApiToken(an.id, 'x', 0)).toThrow(/số ngày nguyên từ 1 đến 3650/);
		expect(() => auth.createApiToken(an.id, 'x', 1.5)).toThrow(AuthError);
		const listed = auth.listApiTokens(an.id);
		expect(listed.map((t) => t.label)).toEqual(['script', 'ngan-han']);
		expect(listed[0]!.expiresAt - before).toBeGreaterThanOrEqual(90 * 24 * 3600 * 1000 - 1000);
		expect(listed[0]!.expiresAt - before).toBeLessThanOrEqual(90 * 24 * 3600 * 1000 + 1000);
		expect(JSON.stringify(listed)).not.toContain(t90.slice(4));

		// Expired: refused, and found invalid by the periodic check.
		db.prepare('UPDATE api_tokens SET expires_at = ? WHERE label = ?').run(Date.now() - 1, 'ngan-han');
		expect(auth.userForApiToken(t1)).toBeUndefined();
		expect(auth.userForRequest({ authorization: `Bearer ${t1}` }, new URL('http://h/api/tasks'))).toBeUndefined();
		const c90 = auth.credentialForRequest({}, new URL(`http://h/sync/x?token=${t90}`))!.credential;
		expect(c90).toMatchObject({ kind: 'token', userId: an.id });
		const k1 = listed[1]!.id;
		expect(auth.invalidCredentials([c90, { kind: 'token', key: `${k1}${'0'.repeat(52)}` }])).toEqual([`${k1}${'0'.repeat(52)}`]);

		expect(() => auth.revokeApiToken('klt_khong-co')).toThrow('Không tìm thấy khóa API này.');
		expect(auth.revokeApiToken(listed[0]!.id)).toMatchObject({ label: 'script', userId: an.id });
		expect(auth.userForApiToken(t90)).toBeUndefined();
		expect(auth.invalidCredentials([c90])).toEqual([c90.key]);
		expect(heard).toEqual([{ userId: an.id, reason: 'token-revoked', credentialKey: c90.key }]);
		expect(auth.revokeApiToken(t1).label).toBe('ngan-han');
		auth.createApiToken(an.id, 'a');
		auth.createApiToken(an.id, 'b');
		expect(auth.revokeApiTokensOf(an.id, 'a')).toBe(1);
		expect(auth.revokeApiTokensOf(an.id)).toBe(1);
		expect(auth.listApiTokens(an.id)).toEqual([]);
	});

	it('gives tokens of an older database an expiry when it is opened', async () => {
		const an = await office();
		db.exec('ALTER TABLE api_tokens DROP COLUMN expires_at');
		db.prepare('INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)').run('ab'.repeat(32), an.id, 'cu', 0);
		const again = new AuthService(db);
		const [old] = again.listApiTokens(an.id);
		expect(old!.expiresAt).toBeGreaterThan(Date.now() + 89 * 24 * 3600 * 1000);
	});
});
