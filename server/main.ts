/**
 * The one Node process of Kết Luận: the SvelteKit app (adapter-node handler) and the WebSocket sync
 * endpoint on the same port. Start with `npm start`; configure with PORT, HOST and DATA_DIR.
 */
import { createServer, type RequestListener } from 'node:http';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { readConfig } from './config';
import { setAppContext } from './context';
import { createServices, type Services } from './services';
import { DataDirError } from './db';
import { setSecurityHeaders } from './securityHeaders';

const config = readConfig(process.env);
const services = startServices();
setAppContext(services);

// adapter-node assumes https unless told the protocol; this process serves plain http itself, so
// unless the operator set ORIGIN or PROTOCOL_HEADER (behind a TLS proxy), we state it per request
// through a header of our own that we always overwrite (a client cannot spoof it).
const OWN_PROTO_HEADER = 'x-ket-luan-proto';
const stampProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (stampProtocol) process.env.PROTOCOL_HEADER = OWN_PROTO_HEADER;

// Progress reports carry attachments of up to 10 MB each (adapter-node's default limit is 512 KB).
process.env.BODY_SIZE_LIMIT ??= '32M';

const handlerPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'handler.js');
let handler: RequestListener;
if (existsSync(handlerPath)) {
	const mod = (await import(pathToFileURL(handlerPath).href)) as { handler: RequestListener };
	handler = mod.handler;
} else {
	// Sync still works without the web app (tests, benchmarks); pages explain how to build it.
	handler = (_req, res) => {
		res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('Giao diện chưa được build: hãy chạy `npm run build` rồi `npm start`.\n');
	};
}

// Attachments half-received when the process stopped (src/lib/server/attachments.ts stages them as
// `.upload-*` and renames them once their report is stored) belong to no report.
sweepStagedUploads(join(config.dataDir, 'attachments'));

// At most MAX_CONNECTIONS_PER_ADDRESS open connections (WebSockets included) per client address: the
// next is answered 503 and closed at once, and no other address notices.
const perAddress = new Map<string, number>();
const refused = new WeakSet<Socket>();
const BUSY = 'Máy chủ đang nhận quá nhiều kết nối từ địa chỉ này; hãy thử lại sau.\n';
// Issue 10, medium 9: no connection lives on silence. IDLE_TIMEOUT_MS bounds a socket with no
// traffic (server.timeout), the wait for a request's headers (also a slow trickle of them), and, in
// the sync server, a WebSocket that never sends its first frame; keep-alive connections close after
// 5 s between requests; a whole request (uploads included) has 5 minutes.
const idle = config.idleTimeoutMs;
const server = createServer(
	{
		headersTimeout: idle,
		requestTimeout: Math.max(300_000, idle),
		keepAliveTimeout: Math.min(5_000, idle),
		connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(idle / 4)))
	},
	(req, res) => {
		if (refused.has(req.socket)) return;
		if (stampProtocol) req.headers[OWN_PROTO_HEADER] = 'http';
		setSecurityHeaders(res);
		handler(req, res);
	}
);
server.timeout = idle;

server.on('connection', (socket: Socket) => {
	const max = config.maxConnectionsPerAddress;
	if (max === 0) return;
	const address = socket.remoteAddress ?? '';
	const open = perAddress.get(address) ?? 0;
	if (open >= max) {
		refused.add(socket);
		socket.on('error', () => socket.destroy());
		socket.once('finish', () => socket.destroy());
		socket.end(
			`HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 10\r\nContent-Type: text/plain; charset=utf-8\r\n` +
				`Content-Length: ${Buffer.byteLength(BUSY)}\r\n\r\n${BUSY}`
		);
		return;
	}
	perAddress.set(address, open + 1);
	socket.once('close', () => {
		const left = (perAddress.get(address) ?? 1) - 1;
		if (left > 0) perAddress.set(address, left);
		else perAddress.delete(address);
	});
});
server.on('upgrade', (req, socket, head) => {
	if (refused.has(req.socket)) return;
	// The sync server compares a cookie's Origin with this request's own (services.ts, requestOrigin).
	if (stampProtocol) req.headers[OWN_PROTO_HEADER] = 'http';
	if (!services.sync.handleUpgrade(req, socket, head)) {
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
	}
});

server.listen(config.port, config.host, () => {
	const addr = server.address();
	const port = typeof addr === 'object' && addr ? addr.port : config.port;
	const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	console.log(`Kết Luận listening on http://${host}:${port}`);
	console.log(`Dữ liệu: ${config.dataDir}`);
	if (services.auth.hasNoUsers()) console.log(`Chưa có người dùng: mở http://${host}:${port}/setup để tạo quản trị viên đầu tiên.`);
});

// Deadline reminders (issue 9 [5]): looked at soon after start and then every REMINDER_CHECK_MS;
// each is stored once per task, event and deadline, however often this runs or on how many restarts.
const remind = () => {
	try {
		services.tracker.sendDeadlineReminders(config.reminderDaysBefore);
	} catch (e) {
		console.error('Không gửi được nhắc hạn tự động:', e);
	}
};
const firstReminders = setTimeout(remind, Math.min(config.reminderCheckMs, 5_000));
const reminders = setInterval(remind, config.reminderCheckMs);
firstReminders.unref();
reminders.unref();

/** The services, or a clear message and exit code 1 when the data directory cannot be used (server/db.ts). */
function startServices(): Services {
	try {
		return createServices(config);
	} catch (e) {
		if (!(e instanceof DataDirError)) throw e;
		console.error(`Kết Luận không khởi động: ${e.message}`);
		process.exit(1);
	}
}

function sweepStagedUploads(dir: string): void {
	let names: string[] = [];
	try {
		names = readdirSync(dir);
	} catch {
		return;
	}
	for (const name of names) if (name.startsWith('.upload-')) rmSync(join(dir, name), { force: true });
}

let stopping = false;
async function stop(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`Đang dừng (${signal})…`);
	server.close();
	clearTimeout(firstReminders);
	clearInterval(reminders);
	await services.close();
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
