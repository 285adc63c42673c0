import { resolve } from 'node:path';

/** Settings of one server process, read once at start from the environment. */
export interface ServerConfig {
	port: number;
	host: string;
	dataDir: string;
}

/** Reads PORT (default 3000; 0 picks a free port), HOST (default 0.0.0.0) and DATA_DIR (default ./data). */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
	const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT không hợp lệ: ${env.PORT}`);
	return { port, host: env.HOST || '0.0.0.0', dataDir: resolve(env.DATA_DIR || 'data') };
}
