/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline shell: precaches the built app so that a page reloaded with no network still opens, and
 * keeps the last copy of every page visited (network first), so a notice opened before reopens
 * offline; its content then comes from IndexedDB (y-indexeddb), not from this cache.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const APP_CACHE = `app-${version}`;
const PAGE_CACHE = 'pages';
const ASSETS = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(APP_CACHE)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== APP_CACHE && key !== PAGE_CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data = event.data as unknown;
	// A page that asks waits for the answer on the port it sent (see registerServiceWorker.ts).
	const reply = (answer: unknown) => event.ports[0]?.postMessage(answer);
	// Signing out must not leave the previous person's pages readable offline.
	if (data === 'clear-pages') event.waitUntil(caches.delete(PAGE_CACHE).then(() => reply(true)));
	if (typeof data !== 'object' || !data) return;
	const type = (data as { type?: unknown }).type;
	// A page whose navigation was already under way when this worker activated is not claimed by
	// the activate handler's clients.claim() and stays uncontrolled: its client-side navigations
	// would never pass through here. It asks to be claimed once it sees no controller.
	if (type === 'claim') event.waitUntil(sw.clients.claim().then(() => reply(true)));
	// Pages reached by client-side navigation, and the page that installed the worker, never pass
	// through the fetch handler as a navigation: keep a copy on request, and say whether it was kept.
	if (type === 'cache-page') {
		let url: URL;
		try {
			url = new URL(String((data as { url?: unknown }).url), sw.location.origin);
		} catch {
			return reply(false); // not a URL: nothing to keep
		}
		if (url.origin !== sw.location.origin) return reply(false);
		event.waitUntil(
			fetch(url, { credentials: 'same-origin' })
				.then(async (res) => {
					const keep = res.ok && !res.redirected;
					if (keep) await (await caches.open(PAGE_CACHE)).put(url.href, res);
					reply(keep);
				})
				.catch(() => {
					// Offline right now: the page is kept on its next online visit.
					reply(false);
				})
		);
	}
});

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET') return;
	const url = new URL(req.url);
	if (url.origin !== sw.location.origin || url.pathname.startsWith('/sync/') || url.pathname.startsWith('/api/')) return;

	if (ASSETS.has(url.pathname)) {
		event.respondWith(caches.match(req, { ignoreVary: true }).then((hit) => hit ?? fetch(req)));
		return;
	}
	const isPage = req.mode === 'navigate' || url.pathname.endsWith('/__data.json');
	if (!isPage) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(PAGE_CACHE);
			let res: Response;
			try {
				res = await fetch(req);
			} catch {
				return offline(cache, req, url);
			}
			// Only real pages are kept: not redirects to the sign-in page, not errors. A page that
			// cannot be stored (storage full) is still shown: keeping it is a bonus, showing it is not.
			if (res.ok && !res.redirected)
				await cache.put(req, res.clone()).catch(() => {
					/* not kept; the network copy is shown all the same */
				});
			return res;
		})()
	);
});

/** What a page request gets with no network: the kept copy, or a list of the pages that are kept. */
async function offline(cache: Cache, req: Request, url: URL): Promise<Response> {
	// Look up by URL too: the copy may have been stored by a 'cache-page' message under the
	// plain URL, and a navigation request carries headers that a stored copy may not match.
	const hit = (await cache.match(req, { ignoreVary: true })) ?? (await caches.match(url.href, { ignoreVary: true }));
	if (hit) return hit;
	// Offer the pages that are kept, so the person can still reach what they opened before.
	const kept = (await cache.keys()).map((r) => new URL(r.url)).filter((u) => !u.pathname.endsWith('/__data.json'));
	const links = kept.map((u) => `<li><a href="${u.pathname}${u.search}">${escapeHtml(decodeURIComponent(u.pathname))}</a></li>`).join('');
	return new Response(
		'<!doctype html><meta charset="utf-8"><title>Ngoại tuyến</title><body style="font-family:sans-serif;padding:2rem"><h1>Đang ngoại tuyến</h1><p>Trang này chưa được mở khi có mạng nên chưa có bản lưu trên máy. Các thông báo đã mở trước đó vẫn xem và sửa được.</p>' +
			(links ? `<p>Các trang đã lưu trên máy:</p><ul>${links}</ul>` : '') +
			'<p><a href="/">Về danh sách</a></p>',
		{ status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } }
	);
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
	return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
