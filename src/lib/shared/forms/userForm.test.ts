import { describe, expect, it } from 'vitest';
import { validateNewUser, validatePassword, validateUsername } from './userForm';

describe('user form validation', () => {
	it('accepts a plain lowercase username and rejects diacritics, spaces and short names', () => {
		expect(validateUsername('nguyen.van_an-2')).toBeNull();
		expect(validateUsername('nguyễn')).toMatch(/không dấu/);
		expect(validateUsername('an an')).not.toBeNull();
		expect(validateUsername('a')).not.toBeNull();
	});
	it('requires passwords of at least 8 characters', () => {
		expect(validatePassword('1234567')).toMatch(/ít nhất 8/);
		expect(validatePassword('12345678')).toBeNull();
	});
	it('reports every bad field of a new-user form at once, in Vietnamese', () => {
		const errors = validateNewUser({ username: 'A', displayName: '  ', password: 'x', confirm: 'y' });
		expect(Object.keys(errors).sort()).toEqual(['confirm', 'displayName', 'password', 'username']);
		expect(errors.confirm).toBe('Mật khẩu nhập lại không khớp.');
	});
	it('returns no errors for a valid form', () => {
		expect(validateNewUser({ username: 'chanhvp', displayName: 'Trần Thị Bình', password: 'mat-khau-dai', confirm: 'mat-khau-dai' })).toEqual({});
	});
});
