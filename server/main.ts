/**
 * The one Node process of Kết Luận: the SvelteKit app (adapter-node handler) and the WebSocket sync
 * endpoint on the same port. Start with `npm start`; configure with PORT, HOST and DATA_DIR.
 */
import { createServer, type RequestListener } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { readConfig } from './config';
import { setAppContext } from './context';
import { createServices } from './services';
import { setSecurityHeaders } from './securityHeaders';

const config = readConfig(process.env);
const services = createServices(config);
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

const server = createServer((req, res) => {
	if (stampProtocol) req.headers[OWN_PROTO_HEADER] = 'http';
	setSecurityHeaders(res);
	handler(req, res);
});
server.on('upgrade', (req, socket, head) => {
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
