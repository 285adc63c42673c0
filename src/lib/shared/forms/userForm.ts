/** Validation of the user forms (setup, admin, CLI), shared by browser and server; messages in Vietnamese. */

/** Field → message; empty when the input is valid. */
export type FieldErrors = Partial<Record<string, string>>;

/** A username: 3–32 lowercase ASCII letters, digits, dot, dash or underscore. */
export function validateUsername(username: string): string | null {
	if (!/^[a-z0-9._-]{2,32}$/.test(username)) return 'Tên đăng nhập gồm 2–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.';
	return null;
}

/** A password: 8 to 256 characters. */
export function validatePassword(password: string): string | null {
	if (password.length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự.';
	if (password.length > 256) return 'Mật khẩu quá dài (tối đa 256 ký tự).';
	return null;
}

/** A person's display name: 1 to 100 characters after trimming. */
export function validateDisplayName(name: string): string | null {
	const n = name.normalize('NFC').trim();
	if (n.length === 0) return 'Vui lòng nhập họ tên.';
	if (n.length > 100) return 'Họ tên quá dài (tối đa 100 ký tự).';
	return null;
}

/** Validates a whole new-user form; `confirm` is checked when given. */
export function validateNewUser(input: { username: string; displayName: string; password: string; confirm?: string }): FieldErrors {
	const errors: FieldErrors = {};
	const u = validateUsername(input.username.trim().toLowerCase());
	if (u) errors.username = u;
	const d = validateDisplayName(input.displayName);
	if (d) errors.displayName = d;
	const p = validatePassword(input.password);
	if (p) errors.password = p;
	if (input.confirm !== undefined && input.confirm !== input.password) errors.confirm = 'Mật khẩu nhập lại không khớp.';
	return errors;
}
