/** Roles of people in the office: admin (quản trị), office specialist (chuyên viên), leader (lãnh đạo), agency (cơ quan). */
export const ROLES = ['admin', 'office', 'leader', 'agency'] as const;
/** One of ROLES. */
export type Role = (typeof ROLES)[number];

/** A user as the app sees it (never with the password hash). */
export interface User {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	/** The agency an agency user belongs to (canonical directory name), else null. */
	agency: string | null;
	createdAt: number;
	/** Address for reminders, or null. (AuthService always fills the last three; fixtures may omit them.) */
	email?: string | null;
	/** A disabled user cannot sign in; its sessions were ended and its API tokens are refused. */
	disabled?: boolean;
	/** Signed in with a one-time password set by the administrator: must choose a new one first. */
	mustChangePassword?: boolean;
}

/**
 * A credential that resolved to a user: the session cookie or an API token, by its digest, with
 * its expiry. Sync connections keep it so that its end closes them.
 */
export interface Credential {
	userId: string;
	kind: 'session' | 'token';
	/** SHA-256 digest of the secret, as stored. */
	key: string;
	expiresAt: number;
}

/** Why a user's credentials ended (the sync close reason of UNAUTHORIZED), or their rights changed. */
export type RevocationReason =
	'signed-out' | 'session-expired' | 'password-changed' | 'password-reset' | 'user-disabled' | 'token-revoked' | 'token-expired' | 'access-changed';

/**
 * A change that affects a user's open sync connections: which of them, and why. `access-changed`
 * (role or agency) keeps the credentials; the connections are closed to be authorized anew.
 */
export interface Revocation {
	userId: string;
	reason: RevocationReason;
	/** Only the connections of this credential (digest). */
	credentialKey?: string;
	/** Only connections of this kind of credential. */
	kind?: 'session' | 'token';
	/** Spare this credential (the session that just changed its own password). */
	exceptKey?: string;
}

/** An API token as listed (never the secret): `id` is the start of its digest. */
export interface ApiTokenInfo {
	id: string;
	userId: string;
	label: string;
	createdAt: number;
	expiresAt: number;
}

/** An authentication failure with a stable reason, shown to people in Vietnamese. */
export class AuthError extends Error {
	constructor(
		readonly reason:
			'invalid-credentials' | 'rate-limited' | 'username-taken' | 'invalid-input' | 'not-found' | 'disabled' | 'last-admin' | 'wrong-password' | 'ambiguous',
		message: string
	) {
		super(message);
		this.name = 'AuthError';
	}
}

/**
 * Longest username a sign-in considers. Accounts have 2–32 characters, so a longer name is a failed
 * sign-in, refused before anything of it is kept (issue 10: 4 MB usernames were kept forever).
 */
export const MAX_LOGIN_USERNAME = 200;

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'kl_session';

/** Vietnamese names of the roles, for the UI. */
export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Quản trị viên',
	office: 'Chuyên viên Văn phòng',
	leader: 'Lãnh đạo',
	agency: 'Cơ quan, đơn vị'
};

/**
 * True for an AuthError. Checked by name, not `instanceof`: the SvelteKit bundle carries its own
 * copy of this module, so an error thrown by the host's AuthService is not an instance of its class.
 */
export function isAuthError(e: unknown): e is AuthError {
	return e instanceof Error && e.name === 'AuthError' && typeof (e as { reason?: unknown }).reason === 'string';
}
