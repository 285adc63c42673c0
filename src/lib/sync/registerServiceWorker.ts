/** Registers the service worker that precaches the app, so a reload without network still opens. */
export async function registerServiceWorker(): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	// In `vite dev` there is no built worker; offline mode is a property of the built app.
	if (import.meta.env.DEV) return;
	await navigator.serviceWorker.register('/service-worker.js', { type: 'module' });
}
