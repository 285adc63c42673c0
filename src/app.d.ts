import type { User } from '$server/auth/types';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user, set by hooks.server.ts. */
			user: User | undefined;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
