/** A trailing "run once the changes pause" that costs a change no timer of its own. */
export interface AfterPause {
	/** Notes a change: `fn` runs `pauseMs` after the last one. */
	touch(): void;
	/** Forgets the pending run. */
	cancel(): void;
}

/**
 * Runs `fn` once `pauseMs` have passed since the last {@link AfterPause.touch}. A touch only
 * notes the time; the one timer, when it fires before the pause is over, waits out the rest.
 * Typing therefore sets and clears no timer per keystroke (the task refresh and the comment
 * re-anchoring both wait for a pause in editing).
 */
export function afterPause(fn: () => void, pauseMs: number): AfterPause {
	let last = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const wait = (ms: number): void => {
		timer = setTimeout(() => {
			const rest = last + pauseMs - performance.now();
			if (rest > 1) return wait(rest);
			timer = undefined;
			fn();
		}, ms);
	};
	return {
		touch() {
			last = performance.now();
			if (timer === undefined) wait(pauseMs);
		},
		cancel() {
			clearTimeout(timer);
			timer = undefined;
		}
	};
}
