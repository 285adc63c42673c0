import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's `use:enhance` for an action that needs the server (issue 9 [6]): offline, the form is
 * not sent and `say` gets a plain Vietnamese sentence naming `what` ("báo cáo hoàn thành"), while
 * the fields keep what was typed; a network that drops while the form is on its way says the same
 * instead of an error page. Online, `then` (when given) runs as the form's own enhance — its
 * callback, or SvelteKit's default update. `say(null)` clears the sentence when a send starts.
 */
export function needsNetwork(what: string, say: (message: string | null) => void, then?: SubmitFunction): SubmitFunction {
	return async (input) => {
		if (!navigator.onLine) {
			input.cancel();
			say(`Cần có mạng để ${what}. Nội dung bạn nhập vẫn còn trên trang: hãy gửi lại khi có mạng.`);
			return;
		}
		say(null);
		const own = then ? await then(input) : undefined;
		return async (opts) => {
			if (opts.result.type === 'error' && !navigator.onLine) {
				say(`Mất mạng khi đang ${what}. Nội dung bạn nhập vẫn còn trên trang: hãy gửi lại khi có mạng.`);
				return;
			}
			if (own) await own(opts);
			else await opts.update();
		};
	};
}
