/** Caret colours with enough contrast on white, one per participant. */
const PALETTE = ['#c0392b', '#1f6feb', '#2e7d32', '#8e44ad', '#d35400', '#00838f', '#ad1457', '#5d4037'];

/** A stable colour for a user id (the same person keeps one colour in every notice). */
export function colorFor(userId: string): string {
	let h = 0;
	for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
	return PALETTE[h % PALETTE.length] ?? '#1f6feb';
}
