/**
 * Child process for `npm run bench:sync -- --ours=embedded`: createSyncServer with the real SQLite
 * DocStore (every update persisted) and no host around it — no projections, no SvelteKit handler —
 * to compare the sync path alone with the reference server. Accepts `?token=$BENCH_TOKEN` only.
 * Prints the same ready line as server/main.ts.
 */
import { createServer } from 'node:http';
import { openDatabase } from '../server/db';
import { openSqliteDocStore } from '../server/store/SqliteDocStore';
import { createSyncServer } from '../server/sync/index';

const dataDir = process.env.DATA_DIR;
const token = process.env.BENCH_TOKEN;
if (!dataDir || !token) throw new Error('DATA_DIR and BENCH_TOKEN are required');

const db = openDatabase(dataDir);
const store = openSqliteDocStore(db);
const sync = createSyncServer({
	store,
	path: '/sync',
	authorize: async (req) => {
		const given = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
		return given === token ? { ok: true, principal: { userId: 'bench', name: 'Bench' }, access: 'write' } : { ok: false, status: 401 };
	}
});
const server = createServer((_req, res) => {
	res.writeHead(404);
	res.end();
});
server.on('upgrade', (req, socket, head) => {
	if (!sync.handleUpgrade(req, socket, head)) socket.destroy();
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
	const address = server.address();
	const port = typeof address === 'object' && address !== null ? address.port : 0;
	console.log(`Kết Luận listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
	server.close();
	void sync
		.close()
		.then(() => store.close())
		.then(() => {
			db.close();
			process.exit(0);
		});
});
