/** A fresh block id: 12 random url-safe characters (72 bits), so concurrent clients never collide. */
export function newBlockId(): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s).replace(/\+/g, '-').replace(/\//g, '_');
}
