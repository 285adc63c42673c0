import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { hashPassword, verifyPassword } from './passwords';
import { RateLimiter } from './RateLimiter';
import { validateDisplayName, validatePassword, validateUsername } from '#shared/forms/userForm';
import { AuthError, MAX_LOGIN_USERNAME, ROLES, SESSION_COOKIE, type ApiTokenInfo, type Credential, type Revocation, type Role, type User } from './types';

/** How long a session lasts. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** How long an API token lasts unless its creation says otherwise (days). */
export const DEFAULT_TOKEN_DAYS = 90;
/** Longest lifetime an API token may be given (days). */
export const MAX_TOKEN_DAYS = 3650;

const DAY_MS = 24 * 3600 * 1000;

interface UserRow {
	id: string;
	username: string;
	display_name: string;
	role: string;
	agency: string | null;
	created_at: number;
	email: string | null;
	disabled: number;
	must_change_password: number;
}

/** Input of a new user. */
export interface NewUser {
	username: string;
	displayName: string;
	password: string;
	role: Role;
	agency?: string | null;
	email?: string | null;
}

/**
 * Longest password a sign-in considers (accounts have at most 256 characters): a longer one is a
 * failed sign-in, never hashed. Usernames: MAX_LOGIN_USERNAME.
 */
const MAX_LOGIN_PASSWORD = 1024;

/**
 * Sign-in throttling: failed attempts per account and address, and per address (several accounts
 * may sign in from one office's address). Never per account alone: wrong passwords from one address
 * must not lock the real user out from another (issue 10).
 */
const PER_ACCOUNT_AND_ADDRESS = { limit: 5, windowMs: 60_000 };
const PER_ADDRESS = { limit: 30, windowMs: 60_000 };

const INVALID_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const DISABLED = 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.';
const NOT_FOUND = 'Không tìm thấy người dùng.';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The changes an administrator makes to a user (all fields as in the form). */
export interface UserEdit {
	displayName: string;
	email: string | null;
	role: Role;
	agency: string | null;
}

/** Secrets are stored only as SHA-256 digests, so a stolen database opens no session. */
function digest(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

function toUser(r: UserRow): User {
	return {
		id: r.id,
		username: r.username,
		displayName: r.display_name,
		role: (ROLES as readonly string[]).includes(r.role) ? (r.role as Role) : 'agency',
		agency: r.agency,
		createdAt: r.created_at,
		email: r.email ?? null,
		disabled: r.disabled === 1,
		mustChangePassword: r.must_change_password === 1
	};
}

/** A readable one-time password: 12 characters without look-alikes (0/O, 1/l/I). */
function oneTimePassword(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY345679';
	const bytes = randomBytes(12);
	let out = '';
	for (const b of bytes) out += alphabet[b % alphabet.length];
	return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** Users, sessions (cookies) and API tokens, in the embedded database. */
export class AuthService {
	readonly #accountLimiter = new RateLimiter(PER_ACCOUNT_AND_ADDRESS.limit, PER_ACCOUNT_AND_ADDRESS.windowMs);
	readonly #addressLimiter = new RateLimiter(PER_ADDRESS.limit, PER_ADDRESS.windowMs);
	/** The sign-in running per account: the next attempt for it waits for this one. */
	readonly #signingIn = new Map<string, Promise<unknown>>();
	/** Who hears of ended credentials and changed rights (the sync server closes the sockets). */
	readonly #revocationListeners = new Set<(revocation: Revocation) => void>();

	constructor(private readonly db: Db) {
		db.exec(`
			CREATE TABLE IF NOT EXISTS users (
				id TEXT PRIMARY KEY,
				username TEXT NOT NULL UNIQUE,
				display_name TEXT NOT NULL,
				password_hash TEXT NOT NULL,
				role TEXT NOT NULL,
				agency TEXT,
				created_at INTEGER NOT NULL
			);
			CREATE TABLE IF NOT EXISTS sessions (
				token_hash TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				expires_at INTEGER NOT NULL
			);
			CREATE TABLE IF NOT EXISTS api_tokens (
				token_hash TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				label TEXT NOT NULL,
				created_at INTEGER NOT NULL
			);
		`);
		// Added after the first release of the table: an older database gets the column here.
		const cols = (db.prepare(`PRAGMA table_info(users)`).all() as { name: string }[]).map((c) => c.name);
		if (!cols.includes('email')) db.exec(`ALTER TABLE users ADD COLUMN email TEXT`);
		if (!cols.includes('disabled')) db.exec(`ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0`);
		if (!cols.includes('must_change_password')) db.exec(`ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`);
		const tokenCols = (db.prepare(`PRAGMA table_info(api_tokens)`).all() as { name: string }[]).map((c) => c.name);
		if (!tokenCols.includes('expires_at')) {
			// Tokens made before they expired: they now last DEFAULT_TOKEN_DAYS from this upgrade.
			db.exec(`ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0`);
			db.prepare('UPDATE api_tokens SET expires_at = ?').run(Date.now() + DEFAULT_TOKEN_DAYS * DAY_MS);
		}
	}

	/**
	 * Calls `listener` whenever credentials of a user end (sign-out, password change or reset,
	 * disabling, token revocation) or its role or agency changes. Returns the unsubscribe.
	 */
	onRevocation(listener: (revocation: Revocation) => void): () => void {
		this.#revocationListeners.add(listener);
		return () => this.#revocationListeners.delete(listener);
	}

	#revoked(revocation: Revocation): void {
		for (const listener of this.#revocationListeners) {
			try {
				listener(revocation);
			} catch (e) {
				// A listener failing must not undo the change: the periodic check closes what it missed.
				console.error('Không báo được việc thu hồi phiên đăng nhập:', e);
			}
		}
	}

	/** E-mail addresses of the users of an agency (for reminders when SMTP is configured). */
	emailsOfAgency(agency: string): string[] {
		return (this.db.prepare(`SELECT email FROM users WHERE agency = ? AND email IS NOT NULL AND email != ''`).all(agency) as { email: string }[]).map(
			(r) => r.email
		);
	}

	/** True when no user exists yet (the first visit then offers to create the administrator). */
	hasNoUsers(): boolean {
		return this.db.prepare('SELECT 1 FROM users LIMIT 1').get() === undefined;
	}

	/** Creates a user; throws AuthError('invalid-input' | 'username-taken'). */
	async createUser(input: NewUser): Promise<User> {
		const username = input.username.trim().toLowerCase();
		const displayName = input.displayName.normalize('NFC').trim();
		const problem =
			validateUsername(username) ??
			validatePassword(input.password) ??
			validateDisplayName(displayName) ??
			(input.email && !EMAIL_RE.test(input.email) ? 'Địa chỉ thư điện tử không hợp lệ.' : null) ??
			((ROLES as readonly string[]).includes(input.role) ? null : 'Vai trò không hợp lệ.');
		if (problem) throw new AuthError('invalid-input', problem);
		if (this.findByUsername(username)) throw new AuthError('username-taken', 'Tên đăng nhập đã có người dùng.');
		const passwordHash = await hashPassword(input.password);
		const row: UserRow = {
			id: randomUUID(),
			username,
			display_name: displayName,
			role: input.role,
			agency: input.agency?.normalize('NFC') ?? null,
			created_at: Date.now(),
			email: input.email?.trim() || null,
			disabled: 0,
			must_change_password: 0
		};
		try {
			this.db
				.prepare('INSERT INTO users (id, username, display_name, password_hash, role, agency, created_at, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
				.run(row.id, row.username, row.display_name, passwordHash, row.role, row.agency, row.created_at, row.email);
		} catch (e) {
			// Two requests racing for the same name: the UNIQUE constraint decides.
			if (String(e).includes('UNIQUE')) throw new AuthError('username-taken', 'Tên đăng nhập đã có người dùng.');
			throw e;
		}
		return toUser(row);
	}

	/** The user with this username, or undefined. */
	findByUsername(username: string): User | undefined {
		const r = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username.trim().toLowerCase()) as UserRow | undefined;
		return r && toUser(r);
	}

	/** The user with this id, or undefined. */
	getUser(id: string): User | undefined {
		const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
		return r && toUser(r);
	}

	/** All users, by display name. */
	listUsers(): User[] {
		return (this.db.prepare('SELECT * FROM users ORDER BY display_name').all() as UserRow[]).map(toUser);
	}

	#row(id: string): UserRow & { password_hash: string } {
		const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as (UserRow & { password_hash: string }) | undefined;
		if (!r) throw new AuthError('not-found', NOT_FOUND);
		return r;
	}

	/** Refuses a change that would leave no active administrator. */
	#keepAnAdmin(target: UserRow, message: string): void {
		if (target.role !== 'admin' || target.disabled === 1) return;
		const others = this.db.prepare(`SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?`).get(target.id) as { n: number };
		if (others.n === 0) throw new AuthError('last-admin', message);
	}

	/**
	 * Changes a user's display name, e-mail, role and agency (the agency as the caller resolved it
	 * in the directory). The last active administrator keeps the role. A changed role or agency
	 * closes the user's sync connections (ACCESS_CHANGED): they are authorized again with the new
	 * rights. Throws AuthError('invalid-input' | 'not-found' | 'last-admin'); nothing changes then.
	 */
	updateUser(id: string, edit: UserEdit): User {
		const row = this.#row(id);
		const displayName = edit.displayName.normalize('NFC').trim();
		const email = edit.email?.trim() || null;
		const agency = edit.agency?.normalize('NFC').trim() || null;
		const problem =
			validateDisplayName(displayName) ??
			(email && !EMAIL_RE.test(email) ? 'Địa chỉ thư điện tử không hợp lệ.' : null) ??
			((ROLES as readonly string[]).includes(edit.role) ? null : 'Vai trò không hợp lệ.') ??
			(edit.role === 'agency' && !agency ? 'Người dùng của cơ quan cần tên cơ quan.' : null);
		if (problem) throw new AuthError('invalid-input', problem);
		if (edit.role !== 'admin')
			this.#keepAnAdmin(row, 'Không thể bỏ vai trò quản trị của quản trị viên cuối cùng còn hoạt động: hãy giao vai trò này cho người khác trước.');
		this.db.prepare('UPDATE users SET display_name = ?, email = ?, role = ?, agency = ? WHERE id = ?').run(displayName, email, edit.role, agency, id);
		if (row.role !== edit.role || (row.agency ?? null) !== agency) this.#revoked({ userId: id, reason: 'access-changed' });
		return this.getUser(id)!;
	}

	/**
	 * Disables (or enables again) a user. Disabling ends its sessions at once and closes all its
	 * sync connections; its API tokens are refused while it stays disabled. The last active
	 * administrator cannot be disabled. Throws AuthError('not-found' | 'last-admin').
	 */
	setDisabled(id: string, disabled: boolean): User {
		const row = this.#row(id);
		if (disabled) {
			this.#keepAnAdmin(row, 'Không thể khóa quản trị viên cuối cùng còn hoạt động: hãy giao vai trò quản trị cho người khác trước.');
			this.db.transaction(() => {
				this.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(id);
				this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
			})();
			this.#revoked({ userId: id, reason: 'user-disabled' });
		} else {
			this.db.prepare('UPDATE users SET disabled = 0 WHERE id = ?').run(id);
		}
		return this.getUser(id)!;
	}

	/**
	 * The administrator sets a user's password: `password` as given (rules of creation), or, when
	 * null, a one-time password returned here (shown once) that the user must change at the next
	 * sign-in. Every session of the user ends and its session sockets close (API tokens stay).
	 * Throws AuthError('invalid-input' | 'not-found').
	 */
	async resetPassword(id: string, password: string | null): Promise<{ password: string; oneTime: boolean }> {
		this.#row(id);
		const oneTime = password === null;
		const chosen = password ?? oneTimePassword();
		const problem = validatePassword(chosen);
		if (problem) throw new AuthError('invalid-input', problem);
		const hash = await hashPassword(chosen);
		this.db.transaction(() => {
			this.db.prepare('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?').run(hash, oneTime ? 1 : 0, id);
			this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
		})();
		this.#revoked({ userId: id, reason: 'password-reset', kind: 'session' });
		return { password: chosen, oneTime };
	}

	/**
	 * A user changes its own password: the current one must be right (wrong guesses are throttled
	 * like sign-ins), the new one follows the rules of creation. Every other session of the user
	 * ends and its sockets close; `currentSession` (the one asking) stays signed in.
	 * Throws AuthError('wrong-password' | 'invalid-input' | 'rate-limited' | 'not-found').
	 */
	async changePassword(id: string, current: string, next: string, currentSession: string | undefined, clientAddress: string): Promise<void> {
		const row = this.#row(id);
		const key = `password\n${id}\n${clientAddress.slice(0, 100)}`;
		const wait = this.#accountLimiter.retryAfter(key);
		if (wait > 0) throw rateLimited(wait);
		if (current.length > MAX_LOGIN_PASSWORD || !(await verifyPassword(row.password_hash, current))) {
			this.#accountLimiter.hit(key);
			throw new AuthError('wrong-password', 'Mật khẩu hiện tại không đúng.');
		}
		this.#accountLimiter.reset(key);
		const problem = validatePassword(next);
		if (problem) throw new AuthError('invalid-input', problem);
		const hash = await hashPassword(next);
		const keep = currentSession ? digest(currentSession) : '';
		this.db.transaction(() => {
			this.db.prepare('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hash, id);
			this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?').run(id, keep);
		})();
		this.#revoked({ userId: id, reason: 'password-changed', kind: 'session', exceptKey: keep || undefined });
	}

	/**
	 * Checks a username and password and opens a session. Failed attempts are limited per account and
	 * address and per address; attempts for one account run one at a time, each checking the limit
	 * before its password is verified, so parallel guesses get no more verifications than sequential
	 * ones (issue 10: 300 parallel guesses were all checked).
	 */
	login(username: string, password: string, clientAddress: string): Promise<{ user: User; sessionToken: string; expiresAt: number }> {
		const address = clientAddress.slice(0, 100);
		if (username.length > MAX_LOGIN_USERNAME || password.length > MAX_LOGIN_PASSWORD) {
			// Counted against the address only: nothing of the name is kept.
			const wait = this.#addressLimiter.retryAfter(address);
			if (wait > 0) return Promise.reject(rateLimited(wait));
			this.#addressLimiter.hit(address);
			return Promise.reject(new AuthError('invalid-credentials', INVALID_CREDENTIALS));
		}
		const name = username.trim().toLowerCase();
		const previous = this.#signingIn.get(name) ?? Promise.resolve();
		const attempt = previous.then(
			() => this.#attempt(name, password, address),
			() => this.#attempt(name, password, address)
		);
		this.#signingIn.set(name, attempt);
		const forget = (): void => {
			if (this.#signingIn.get(name) === attempt) this.#signingIn.delete(name);
		};
		attempt.then(forget, forget);
		return attempt;
	}

	/** What the sign-in throttle holds: keys and their characters (bounded whatever is tried). */
	throttleFootprint(): { keys: number; chars: number } {
		const keys = [...this.#accountLimiter.keys(), ...this.#addressLimiter.keys()];
		return { keys: keys.length, chars: keys.reduce((n, k) => n + k.length, 0) };
	}

	/** One sign-in attempt, run when no other attempt for the same account is running. */
	async #attempt(name: string, password: string, address: string): Promise<{ user: User; sessionToken: string; expiresAt: number }> {
		const accountKey = `${name}\n${address}`;
		const wait = Math.max(this.#accountLimiter.retryAfter(accountKey), this.#addressLimiter.retryAfter(address));
		if (wait > 0) throw rateLimited(wait);
		const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(name) as (UserRow & { password_hash: string }) | undefined;
		// Verify even for an unknown user so that timing does not reveal which usernames exist.
		const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
		if (!row || !ok) {
			this.#accountLimiter.hit(accountKey);
			this.#addressLimiter.hit(address);
			throw new AuthError('invalid-credentials', INVALID_CREDENTIALS);
		}
		this.#accountLimiter.reset(accountKey);
		// Said only to whoever knows the password: nobody else learns that the account exists.
		if (row.disabled === 1) throw new AuthError('disabled', DISABLED);
		const sessionToken = randomBytes(32).toString('base64url');
		const expiresAt = Date.now() + SESSION_TTL_MS;
		this.db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(digest(sessionToken), row.id, expiresAt);
		return { user: toUser(row), sessionToken, expiresAt };
	}

	/** The user of a live session cookie value, or undefined. */
	userForSession(sessionToken: string | undefined): User | undefined {
		return this.#sessionCredential(sessionToken)?.user;
	}

	#sessionCredential(sessionToken: string | undefined): { user: User; credential: Credential } | undefined {
		if (!sessionToken) return undefined;
		const key = digest(sessionToken);
		const r = this.db
			.prepare(
				'SELECT u.*, s.expires_at AS credential_expires FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0'
			)
			.get(key, Date.now()) as (UserRow & { credential_expires: number }) | undefined;
		return r && { user: toUser(r), credential: { userId: r.id, kind: 'session', key, expiresAt: r.credential_expires } };
	}

	/** Ends a session; its sync sockets are closed (UNAUTHORIZED, signed-out). */
	logout(sessionToken: string): void {
		const key = digest(sessionToken);
		const row = this.db.prepare('SELECT user_id FROM sessions WHERE token_hash = ?').get(key) as { user_id: string } | undefined;
		this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(key);
		if (row) this.#revoked({ userId: row.user_id, reason: 'signed-out', credentialKey: key });
	}

	/**
	 * Issues a new API token for a user (shown once; only its digest is kept). It expires after
	 * `days` (default DEFAULT_TOKEN_DAYS, at most MAX_TOKEN_DAYS).
	 */
	createApiToken(userId: string, label: string, days: number = DEFAULT_TOKEN_DAYS): string {
		if (!this.getUser(userId)) throw new AuthError('not-found', NOT_FOUND);
		if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)
			throw new AuthError('invalid-input', `Thời hạn của khóa API là số ngày nguyên từ 1 đến ${MAX_TOKEN_DAYS}.`);
		const token = 'klt_' + randomBytes(24).toString('base64url');
		const now = Date.now();
		this.db
			.prepare('INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
			.run(digest(token), userId, label.normalize('NFC').slice(0, 100), now, now + days * DAY_MS);
		return token;
	}

	/** A user's API tokens (expired ones too, until revoked), oldest first. */
	listApiTokens(userId: string): ApiTokenInfo[] {
		return (
			this.db.prepare('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at').all(userId) as {
				token_hash: string;
				user_id: string;
				label: string;
				created_at: number;
				expires_at: number;
			}[]
		).map((t) => ({ id: t.token_hash.slice(0, TOKEN_ID_CHARS), userId: t.user_id, label: t.label, createdAt: t.created_at, expiresAt: t.expires_at }));
	}

	/**
	 * Revokes API tokens: the one given in full (`klt_…`), or the one whose id (the start of its
	 * digest, as listed) is given. Deleted at once; its sync sockets close (UNAUTHORIZED,
	 * token-revoked). Throws AuthError('not-found' | 'ambiguous'). Returns the token's owner.
	 */
	revokeApiToken(tokenOrId: string): ApiTokenInfo {
		const wanted = tokenOrId.trim();
		let rows: { token_hash: string }[];
		if (wanted.startsWith('klt_'))
			rows = this.db.prepare('SELECT token_hash FROM api_tokens WHERE token_hash = ?').all(digest(wanted)) as { token_hash: string }[];
		else if (/^[0-9a-f]{8,64}$/.test(wanted))
			rows = this.db.prepare('SELECT token_hash FROM api_tokens WHERE substr(token_hash, 1, ?) = ?').all(wanted.length, wanted) as { token_hash: string }[];
		else rows = [];
		if (rows.length === 0) throw new AuthError('not-found', 'Không tìm thấy khóa API này.');
		if (rows.length > 1) throw new AuthError('ambiguous', 'Mã này khớp nhiều khóa API: hãy ghi dài hơn.');
		return this.#deleteToken(rows[0]!.token_hash);
	}

	/** Revokes every API token of a user (with `label`, when given); returns how many. */
	revokeApiTokensOf(userId: string, label?: string): number {
		const rows = (
			label === undefined
				? this.db.prepare('SELECT token_hash FROM api_tokens WHERE user_id = ?').all(userId)
				: this.db.prepare('SELECT token_hash FROM api_tokens WHERE user_id = ? AND label = ?').all(userId, label.normalize('NFC'))
		) as { token_hash: string }[];
		for (const r of rows) this.#deleteToken(r.token_hash);
		return rows.length;
	}

	#deleteToken(key: string): ApiTokenInfo {
		const t = this.db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(key) as {
			user_id: string;
			label: string;
			created_at: number;
			expires_at: number;
		};
		this.db.prepare('DELETE FROM api_tokens WHERE token_hash = ?').run(key);
		this.#revoked({ userId: t.user_id, reason: 'token-revoked', credentialKey: key });
		return { id: key.slice(0, TOKEN_ID_CHARS), userId: t.user_id, label: t.label, createdAt: t.created_at, expiresAt: t.expires_at };
	}

	/** The user of a live API token (not expired, not revoked, user not disabled), or undefined. */
	userForApiToken(token: string | undefined | null): User | undefined {
		return this.#tokenCredential(token)?.user;
	}

	#tokenCredential(token: string | undefined | null): { user: User; credential: Credential } | undefined {
		if (!token) return undefined;
		const key = digest(token);
		const r = this.db
			.prepare(
				'SELECT u.*, t.expires_at AS credential_expires FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.expires_at > ? AND u.disabled = 0'
			)
			.get(key, Date.now()) as (UserRow & { credential_expires: number }) | undefined;
		return r && { user: toUser(r), credential: { userId: r.id, kind: 'token', key, expiresAt: r.credential_expires } };
	}

	/** Resolves a request's credentials: an API token (?token= or Bearer) or the session cookie. */
	userForRequest(headers: { cookie?: string; authorization?: string }, url: URL): User | undefined {
		return this.credentialForRequest(headers, url)?.user;
	}

	/** Like {@link userForRequest}, with the credential used (for sync connections to keep). */
	credentialForRequest(headers: { cookie?: string; authorization?: string }, url: URL): { user: User; credential: Credential } | undefined {
		const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
		const token = url.searchParams.get('token') ?? bearer;
		if (token) return this.#tokenCredential(token);
		return this.#sessionCredential(readCookie(headers.cookie, SESSION_COOKIE));
	}

	/**
	 * The keys of those `credentials` that are no longer valid: deleted (signed out, revoked, also
	 * from another process), expired, or of a disabled user. A few queries for any number.
	 */
	invalidCredentials(credentials: readonly Pick<Credential, 'kind' | 'key'>[]): string[] {
		const now = Date.now();
		const valid = new Set<string>();
		const check = (table: 'sessions' | 'api_tokens', keys: string[]) => {
			for (let i = 0; i < keys.length; i += 500) {
				const chunk = keys.slice(i, i + 500);
				const rows = this.db
					.prepare(
						`SELECT c.token_hash FROM ${table} c JOIN users u ON u.id = c.user_id WHERE c.expires_at > ? AND u.disabled = 0 AND c.token_hash IN (${chunk.map(() => '?').join(',')})`
					)
					.all(now, ...chunk) as { token_hash: string }[];
				for (const r of rows) valid.add(r.token_hash);
			}
		};
		check(
			'sessions',
			credentials.filter((c) => c.kind === 'session').map((c) => c.key)
		);
		check(
			'api_tokens',
			credentials.filter((c) => c.kind === 'token').map((c) => c.key)
		);
		return credentials.filter((c) => !valid.has(c.key)).map((c) => c.key);
	}
}

/** Characters of a token's digest that name it in lists and in `token revoke --id`. */
const TOKEN_ID_CHARS = 12;

/** The refusal of a throttled sign-in, saying how long to wait. */
function rateLimited(waitMs: number): AuthError {
	return new AuthError('rate-limited', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(waitMs / 1000)} giây.`);
}

/** A fixed argon2id hash of a random string, verified against for unknown usernames. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1Zl3Ue8dL1kYbQbS2jZ0tq3S6h0n3eW7W0l2cAqkQ2o';

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				// A malformed cookie is no cookie.
				return undefined;
			}
		}
	}
	return undefined;
}
