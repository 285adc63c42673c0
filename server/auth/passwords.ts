import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes); hashing takes ~20–40 ms here, which also slows guessing.
// `algorithm: 2` is Algorithm.Argon2id; the package's const enum cannot be imported under isolatedModules.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id (PHC string). */
export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFC'), OPTIONS);
}

/** Checks a password against a PHC hash; false on any mismatch or malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
	try {
		return await verify(phc, password.normalize('NFC'));
	} catch {
		// A malformed stored hash is treated as a wrong password, never as a crash.
		return false;
	}
}
