/**
 * Registers the service worker that precaches the app and keeps visited pages, so that a reload
 * without network still opens. Marks `<html data-offline-ready="true">` once the worker is active,
 * controls this page and has answered whether this page is kept.
 */
export async function registerServiceWorker(): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	// In `vite dev` there is no built worker; offline mode is a property of the built app.
	if (import.meta.env.DEV) return;
	await navigator.serviceWorker.register('/service-worker.js', { type: 'module' });
	const registration = await navigator.serviceWorker.ready;
	// `ready` resolves as soon as the worker is activating, and a page whose navigation started
	// before that is never claimed by the worker's own clients.claim(): without a controller its
	// client-side navigations bypass the worker, and the pages it shows would not be kept. This was
	// the cause of pages missing offline in a fresh browser (the first pages after sign-in).
	if (!navigator.serviceWorker.controller && registration.active) await ask(registration.active, { type: 'claim' });
	await keepPage(location.href);
	document.documentElement.dataset.offlineReady = 'true';
}

/**
 * Asks the worker to keep a copy of a page: pages reached by client-side navigation never pass
 * through the worker as a navigation, yet a reload of them offline must still open.
 */
export function keepPageForOffline(url: string): void {
	if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
	// Fire and forget: keepPage never rejects, and a page not kept now is kept on its next visit.
	void keepPage(url);
}

/** Resolves with whether the active worker stored the page (false offline or without a worker). */
async function keepPage(url: string): Promise<boolean> {
	// The active worker, not `controller`: an uncontrolled page can still ask (and used to be
	// silently skipped, `controller?.postMessage` doing nothing).
	const registration = await navigator.serviceWorker.getRegistration();
	const worker = registration?.active;
	if (!worker) return false;
	return (await ask(worker, { type: 'cache-page', url })) === true;
}

/**
 * Sends a message to the worker and resolves with its answer on a private channel, or with
 * undefined after `timeoutMs`: a worker of an older build being replaced may never answer.
 */
function ask(worker: ServiceWorker, message: unknown, timeoutMs = 10_000): Promise<unknown> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const done = (answer: unknown) => {
			clearTimeout(timer);
			channel.port1.close();
			resolve(answer);
		};
		const timer = setTimeout(() => done(undefined), timeoutMs);
		channel.port1.onmessage = (e: MessageEvent) => done(e.data);
		worker.postMessage(message, [channel.port2]);
	});
}
