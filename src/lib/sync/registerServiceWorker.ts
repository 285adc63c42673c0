/** Registers the service worker that precaches the app, so a reload without network still opens. */
export async function registerServiceWorker(): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	// In `vite dev` there is no built worker; offline mode is a property of the built app.
	if (import.meta.env.DEV) return;
	await navigator.serviceWorker.register('/service-worker.js', { type: 'module' });
	await navigator.serviceWorker.ready;
	keepPageForOffline(location.href);
	document.documentElement.dataset.offlineReady = 'true';
}

/**
 * Asks the worker to keep a copy of a page: pages reached by client-side navigation never pass
 * through the worker as a navigation, yet a reload of them offline must still open.
 */
export function keepPageForOffline(url: string): void {
	if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
	navigator.serviceWorker.controller?.postMessage({ type: 'cache-page', url });
}
