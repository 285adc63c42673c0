import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MAX_MESSAGE_BYTES } from '#shared/protocol';
import {
	closeCodeOf,
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
	openRaw,
	removeDataDir,
	startServer,
	waitFor,
	waitSynced,
	type ServerProcess,
	type TestClient,
	type TestUser
} from './harness';
import { bodyText, typeInParagraph } from './noticeEdits';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

/** Frames a misbehaving client might send, and the close code each must earn. */
const BAD_FRAMES: [string, () => Uint8Array, number][] = [
	['garbage bytes', () => bytes(0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), CloseCode.MALFORMED_MESSAGE],
	['an unknown message type', () => bytes(77, 0, 0), CloseCode.MALFORMED_MESSAGE],
	['a truncated varint', () => bytes(0x80), CloseCode.MALFORMED_MESSAGE],
	['an update whose payload is not a Yjs update', () => bytes(0, 2, 6, 9, 250, 3, 1, 1, 7), CloseCode.MALFORMED_MESSAGE],
	['an update whose length prefix overruns the frame', () => bytes(0, 2, 100, 1, 0), CloseCode.MALFORMED_MESSAGE],
	[
		'an oversize frame',
		() => {
			const frame = new Uint8Array(MAX_MESSAGE_BYTES + 16);
			frame[0] = 1; // awareness, whose body never gets read
			return frame;
		},
		CloseCode.MESSAGE_TOO_LARGE
	]
];

describe('malformed and oversize frames (real server)', () => {
	let dataDir: string;
	let server: ServerProcess;
	let user: TestUser;
	let noticeId: string;
	let alice: TestClient;
	let bob: TestClient;

	beforeAll(async () => {
		dataDir = makeDataDir();
		user = await createUser(dataDir, 'chuyenvien', 'office');
		noticeId = await createNotice(dataDir, user.username);
		server = await startServer(dataDir);
		alice = connectClient(server, noticeId, user.token);
		bob = connectClient(server, noticeId, user.token);
		await Promise.all([waitSynced(alice), waitSynced(bob)]);
	});

	afterAll(async () => {
		alice?.destroy();
		bob?.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it.each(BAD_FRAMES)('[P6] closes only the connection that sent %s, and the others keep syncing', async (what, makeFrame, code) => {
		const attempt = await openRaw(server, `${noticeId}?token=${user.token}`);
		if (attempt.kind !== 'open') throw new Error(`expected an open socket, got HTTP ${attempt.status}`);
		const closed = closeCodeOf(attempt.socket);
		attempt.socket.send(makeFrame());
		expect(await closed).toBe(code);

		const marker = `[sau ${what}]`;
		typeInParagraph(alice.doc, 0, marker);
		await waitFor(() => bodyText(bob.doc).includes(marker), 10_000, `bob sees "${marker}"`);
		expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
		expect([...alice.closeCodes, ...bob.closeCodes]).toEqual([]);
		expect(Y.encodeStateVector(bob.doc)).toEqual(Y.encodeStateVector(alice.doc));
	});

	it('survives a burst of every bad frame at once and is still healthy afterwards', async () => {
		const attempts = await Promise.all(BAD_FRAMES.map(() => openRaw(server, `${noticeId}?token=${user.token}`)));
		const closes = attempts.map((attempt, i) => {
			if (attempt.kind !== 'open') throw new Error('expected an open socket');
			const closed = closeCodeOf(attempt.socket);
			attempt.socket.send(BAD_FRAMES[i]![1]());
			return closed;
		});
		expect(await Promise.all(closes)).toEqual(BAD_FRAMES.map(([, , code]) => code));
		typeInParagraph(bob.doc, 0, '[vẫn sống]');
		await waitFor(() => bodyText(alice.doc).includes('[vẫn sống]'), 10_000, 'alice sees bob');
		expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
	});
});
