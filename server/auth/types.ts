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
}

/** An authentication failure with a stable reason, shown to people in Vietnamese. */
export class AuthError extends Error {
	constructor(
		readonly reason: 'invalid-credentials' | 'rate-limited' | 'username-taken' | 'invalid-input' | 'not-found',
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
