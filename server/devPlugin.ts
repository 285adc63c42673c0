import type { Plugin } from 'vite';

/**
 * In `npm run dev`, runs the same services as server/main.ts inside Vite's dev server: the
 * database on DATA_DIR and the sync endpoint on Vite's own HTTP server (same port as the pages).
 */
export function devSync(): Plugin {
	return {
		name: 'ket-luan-dev-sync',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			// Loaded through Vite at serve time, not bundled into the config: `vite build` never opens
			// the database, and the server modules resolve `#shared/*` exactly as in production.
			const { readConfig } = (await server.ssrLoadModule('/server/config.ts')) as typeof import('./config');
			const { setAppContext } = (await server.ssrLoadModule('/server/context.ts')) as typeof import('./context');
			const { createServices } = (await server.ssrLoadModule('/server/services.ts')) as typeof import('./services');
			const services = createServices(readConfig(process.env));
			setAppContext(services);
			server.httpServer.on('upgrade', (req, socket, head) => {
				// Vite's HMR socket shares this server; leave every other path to it.
				services.sync.handleUpgrade(req, socket, head);
			});
			server.httpServer.on('close', () => void services.close());
		}
	};
}
