// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterPaint, deferAwarenessAfterPaint, deferUpdatesAfterPaint, type AwarenessChanges } from './afterPaint';
import { libraryAwarenessHandler, libraryUpdateHandler } from './NoticeSession.svelte';

/** Resolves once `check` is true (polled every few ms), or fails after a second. */
async function until(check: () => boolean): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > 1000) throw new Error('condition not met');
		await new Promise((r) => setTimeout(r, 5));
	}
}

describe('library work deferred until after the frame', () => {
	it('calls the handler once, after the keystroke, with the frame’s updates merged, skipping its own', async () => {
		const doc = new Y.Doc();
		const calls: Uint8Array[] = [];
		const owner = {};
		const handler = (update: Uint8Array) => void calls.push(update);
		doc.on('update', handler);
		const deferred = deferUpdatesAfterPaint(doc, handler, owner);
		const text = doc.getText('t');
		text.insert(0, 'a');
		text.insert(1, 'b');
		Y.transact(doc, () => text.insert(2, 'x'), owner); // applied by the library itself
		expect(calls).toEqual([]);
		await until(() => calls.length > 0);
		const replica = new Y.Doc();
		for (const u of calls) Y.applyUpdate(replica, u);
		expect(calls).toHaveLength(1);
		expect(replica.getText('t').toString()).toBe('ab');
		deferred.stop();
	});

	it('runs every channel woken by a key in one shared frame: one rAF, one backstop timer, cleared when the frame comes', async () => {
		const raf = vi.spyOn(window, 'requestAnimationFrame');
		const clear = vi.spyOn(window, 'clearTimeout');
		const ran: string[] = [];
		const channels = ['send', 'store', 'carets'].map((name) => afterPaint(() => void ran.push(name)));
		for (const c of channels) {
			c.schedule();
			c.schedule();
		}
		expect(raf).toHaveBeenCalledTimes(1);
		await until(() => ran.length === 3);
		expect(ran).toEqual(['send', 'store', 'carets']);
		expect(clear).toHaveBeenCalled();
		// A closed channel is skipped; the next key asks for a new frame.
		channels[1]!.close();
		for (const c of channels) c.schedule();
		await until(() => ran.length === 5);
		expect(ran.slice(3)).toEqual(['send', 'carets']);
		expect(raf).toHaveBeenCalledTimes(2);
		raf.mockRestore();
		clear.mockRestore();
	});

	it('does what is queued on flush, and nothing after drop', () => {
		const doc = new Y.Doc();
		const calls: Uint8Array[] = [];
		const deferred = deferUpdatesAfterPaint(doc, (u) => void calls.push(u), {});
		doc.getText('t').insert(0, 'a');
		deferred.flush();
		expect(calls).toHaveLength(1);
		doc.getText('t').insert(1, 'b');
		deferred.drop();
		deferred.flush();
		expect(calls).toHaveLength(1);
	});

	it('finds y-websocket’s update handler under the private name it is deferred by', () => {
		const provider = new WebsocketProvider('ws://127.0.0.1:9', 'x', new Y.Doc(), { connect: false });
		expect(typeof libraryUpdateHandler(provider, '_updateHandler')).toBe('function');
		expect(() => libraryUpdateHandler({}, '_storeUpdate')).toThrow(/không còn tồn tại/);
		provider.destroy();
	});

	it('finds y-websocket’s awareness handler under its private name', () => {
		const provider = new WebsocketProvider('ws://127.0.0.1:9', 'x', new Y.Doc(), { connect: false });
		expect(typeof libraryAwarenessHandler(provider)).toBe('function');
		expect(() => libraryAwarenessHandler({})).toThrow(/không còn tồn tại/);
		provider.destroy();
	});

	it('sends a frame’s caret moves once, after the frame, with the latest state; a removal at once', async () => {
		const awareness = new Awareness(new Y.Doc());
		const sent: Uint8Array[] = [];
		const handler = ({ added, updated, removed }: AwarenessChanges) => void sent.push(encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
		awareness.on('update', handler);
		const deferred = deferAwarenessAfterPaint(awareness, handler);
		for (let i = 1; i <= 5; i++) awareness.setLocalStateField('cursor', i);
		expect(sent).toEqual([]);
		await until(() => sent.length > 0);
		expect(sent).toHaveLength(1);
		const peer = new Awareness(new Y.Doc());
		applyAwarenessUpdate(peer, sent[0]!, 'remote');
		expect(peer.getStates().get(awareness.clientID)?.cursor).toBe(5);
		// The page closes: the removal cannot wait for a frame that will not come.
		awareness.setLocalState(null);
		expect(sent).toHaveLength(2);
		applyAwarenessUpdate(peer, sent[1]!, 'remote');
		expect(peer.getStates().has(awareness.clientID)).toBe(false);
		deferred.stop();
		awareness.destroy();
		peer.destroy();
	});
});
