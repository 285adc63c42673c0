import { resolveAgency } from '#shared/agencies/matcher';
import type { AgencyDirectory } from '#shared/agencies/types';
import { foldVietnamese } from '#shared/text/fold';

/** The agencies (not leaders) of the directory, by their own names, for a user's agency field. */
export function agencyChoices(directory: AgencyDirectory): string[] {
	return directory.entries
		.filter((e) => e.kind !== 'leader')
		.map((e) => e.name)
		.filter((name, i, all) => all.indexOf(name) === i);
}

/**
 * The directory's own name of an agency typed in a user form ("sở tài chính" → "Sở Tài chính"),
 * so that the user sees the tasks stored under it; an error message when the directory does not
 * know it.
 */
export function directoryAgency(typed: string, directory: AgencyDirectory): { name: string } | { error: string } {
	const folded = foldVietnamese(typed);
	const entry =
		resolveAgency(typed, directory) ??
		directory.entries.find((e) => e.kind !== 'leader' && [e.name, ...(e.aliases ?? [])].some((n) => foldVietnamese(n) === folded));
	if (entry) return { name: entry.name };
	return { error: `“${typed}” không có trong danh mục cơ quan: hãy chọn trong danh sách (hoặc thêm vào danh mục trước).` };
}
