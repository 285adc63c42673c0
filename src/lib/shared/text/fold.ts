/**
 * Folds Vietnamese text for search without diacritics: "Sở Tài chính" → "so tai chinh".
 * đ/Đ is a letter of its own in Unicode (no combining mark), so it is mapped by hand.
 */
export function foldVietnamese(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}
