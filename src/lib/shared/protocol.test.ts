import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
	CloseCode,
	MessageType,
	commentsRoomName,
	decodeStateVector,
	encodeAmendedMessage,
	encodeSavedMessage,
	isCoveredBy,
	isPermanentClose,
	parseRoomName,
	readAmendedMessage,
	readSavedMessage
} from './protocol';

function docWith(text: string): Y.Doc {
	const d = new Y.Doc();
	d.getText('t').insert(0, text);
	return d;
}

describe('wire protocol', () => {
	it('[P11] round-trips an amended message: type 101, then the id of the draft that holds the late changes', () => {
		const decoder = decoding.createDecoder(encodeAmendedMessage('gDghYzqglDydCJ2U'));
		expect(decoding.readVarUint(decoder)).toBe(MessageType.amended);
		expect(readAmendedMessage(decoder)).toBe('gDghYzqglDydCJ2U');
		expect(decoding.hasContent(decoder)).toBe(false);
	});

	it('[P11] refuses an amended message whose body is not a notice id', () => {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, '../../đăng-xuất');
		expect(() => readAmendedMessage(decoding.createDecoder(encoding.toUint8Array(encoder)))).toThrow();
	});

	it('[P7] round-trips a saved message: type 100, then the state vector', () => {
		const d = docWith('Giao Sở Tài chính');
		const sv = Y.encodeStateVector(d);
		const decoder = decoding.createDecoder(encodeSavedMessage(sv));
		expect(decoding.readVarUint(decoder)).toBe(MessageType.saved);
		expect(readSavedMessage(decoder)).toEqual(sv);
	});

	it('decodes a state vector exactly as Yjs does', () => {
		const d = docWith('a');
		const other = docWith('b');
		Y.applyUpdate(d, Y.encodeStateAsUpdate(other));
		expect(decodeStateVector(Y.encodeStateVector(d))).toEqual(Y.decodeStateVector(Y.encodeStateVector(d)));
	});

	it('[P7] says a client is saved only when the server state covers every one of its changes', () => {
		const server = docWith('x');
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		expect(isCoveredBy(Y.encodeStateVector(client), Y.encodeStateVector(server))).toBe(true);
		client.getText('t').insert(1, 'y');
		expect(isCoveredBy(Y.encodeStateVector(client), Y.encodeStateVector(server))).toBe(false);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
		expect(isCoveredBy(Y.encodeStateVector(client), Y.encodeStateVector(server))).toBe(true);
	});

	it('[P8] treats 44xx close codes as final and 45xx as worth a reconnect', () => {
		expect(isPermanentClose(CloseCode.MALFORMED_MESSAGE)).toBe(true);
		expect(isPermanentClose(CloseCode.NOTICE_FROZEN)).toBe(true);
		expect(isPermanentClose(CloseCode.SERVER_SHUTDOWN)).toBe(false);
		expect(isPermanentClose(1006)).toBe(false);
	});
});

describe('room names of the sync URL', () => {
	it('[P12] tells a notice room from its comments room and refuses anything else', () => {
		expect(parseRoomName('abc_DEF-123')).toEqual({ noticeId: 'abc_DEF-123', kind: 'notice' });
		expect(parseRoomName(commentsRoomName('abc_DEF-123'))).toEqual({ noticeId: 'abc_DEF-123', kind: 'comments' });
		expect(parseRoomName('~comments')).toBeNull();
		expect(parseRoomName('abc~comments~comments')).toBeNull();
		expect(parseRoomName('abc~other')).toBeNull();
		expect(parseRoomName(`${'x'.repeat(65)}~comments`)).toBeNull();
	});
});
