import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { hashPassword, verifyPassword } from './passwords';
import { RateLimiter } from './RateLimiter';
import { validateDisplayName, validatePassword, validateUsername } from '#shared/forms/userForm';
import { AuthError, MAX_LOGIN_USERNAME, ROLES, SESSION_COOKIE, type Role, type User } from './types';

/** How long a session lasts. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

interface UserRow {
	id: string;
	username: string;
	display_name: string;
	role: string;
	agency: string | null;
	created_at: number;
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
		createdAt: r.created_at
	};
}

/** Users, sessions (cookies) and API tokens, in the embedded database. */
export class AuthService {
	readonly #accountLimiter = new RateLimiter(PER_ACCOUNT_AND_ADDRESS.limit, PER_ACCOUNT_AND_ADDRESS.windowMs);
	readonly #addressLimiter = new RateLimiter(PER_ADDRESS.limit, PER_ADDRESS.windowMs);
	/** The sign-in running per account: the next attempt for it waits for this one. */
	readonly #signingIn = new Map<string, Promise<unknown>>();

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
			(input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email) ? 'Địa chỉ thư điện tử không hợp lệ.' : null) ??
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
			created_at: Date.now()
		};
		try {
			this.db
				.prepare('INSERT INTO users (id, username, display_name, password_hash, role, agency, created_at, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
				.run(row.id, row.username, row.display_name, passwordHash, row.role, row.agency, row.created_at, input.email?.trim() || null);
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
		const sessionToken = randomBytes(32).toString('base64url');
		const expiresAt = Date.now() + SESSION_TTL_MS;
		this.db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(digest(sessionToken), row.id, expiresAt);
		return { user: toUser(row), sessionToken, expiresAt };
	}

	/** The user of a live session cookie value, or undefined. */
	userForSession(sessionToken: string | undefined): User | undefined {
		if (!sessionToken) return undefined;
		const r = this.db
			.prepare('SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?')
			.get(digest(sessionToken), Date.now()) as UserRow | undefined;
		return r && toUser(r);
	}

	/** Ends a session. */
	logout(sessionToken: string): void {
		this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(digest(sessionToken));
	}

	/** Issues a new API token for a user (shown once; only its digest is kept). */
	createApiToken(userId: string, label: string): string {
		if (!this.getUser(userId)) throw new AuthError('not-found', 'Không tìm thấy người dùng.');
		const token = 'klt_' + randomBytes(24).toString('base64url');
		this.db
			.prepare('INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)')
			.run(digest(token), userId, label.normalize('NFC').slice(0, 100), Date.now());
		return token;
	}

	/** The user of an API token, or undefined. */
	userForApiToken(token: string | undefined | null): User | undefined {
		if (!token) return undefined;
		const r = this.db.prepare('SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?').get(digest(token)) as UserRow | undefined;
		return r && toUser(r);
	}

	/** Resolves a request's credentials: an API token (?token= or Bearer) or the session cookie. */
	userForRequest(headers: { cookie?: string; authorization?: string }, url: URL): User | undefined {
		const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
		const token = url.searchParams.get('token') ?? bearer;
		if (token) return this.userForApiToken(token);
		return this.userForSession(readCookie(headers.cookie, SESSION_COOKIE));
	}
}

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
