import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { Mailer } from './Mailer';

describe('Mailer', () => {
	const received: { to: string[]; body: string }[] = [];
	let server: SMTPServer;
	let port: number;

	beforeAll(async () => {
		// A real SMTP server on port 0 (no authentication, plain text, as a local relay would be).
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, session, callback) {
				let body = '';
				stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
				stream.on('end', () => {
					received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.server.address() as AddressInfo).port;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it('sends a reminder in Vietnamese to every address when SMTP is configured', async () => {
		const mailer = new Mailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'Kết Luận <ketluan@vp.example.vn>');
		expect(mailer.enabled).toBe(true);
		await mailer.send({ to: ['a@stc.example.vn', 'b@stc.example.vn'], subject: '[Kết Luận] Đôn đốc', text: 'Đề nghị Sở Tài chính khẩn trương báo cáo.' });
		mailer.close();
		expect(received).toHaveLength(1);
		expect(received[0]!.to).toEqual(['a@stc.example.vn', 'b@stc.example.vn']);
		expect(received[0]!.body).toMatch(/Subject: =\?UTF-8\?/);
	});

	it('does nothing without SMTP or without recipients', async () => {
		const before = received.length;
		await new Mailer(undefined, undefined).send({ to: ['x@example.vn'], subject: 's', text: 't' });
		await new Mailer(`smtp://127.0.0.1:${port}`, undefined).send({ to: [], subject: 's', text: 't' });
		expect(received.length).toBe(before);
	});
});
