import type { AgencyDirectory } from '#shared/agencies/types';
import type { TaskCorrection } from '$server/tracker/TrackerService';
import { directoryAgency } from './directoryAgency';

/**
 * The fields of a correction form (TaskCorrectionFields.svelte) as the tracker takes them, or the
 * Vietnamese error of the first agency the directory does not know: after issue, a task reaches
 * an agency only under the directory's own name, so a name it does not know is refused rather
 * than kept (a draft may keep one on purpose, an issued task may not).
 */
export function readCorrection(form: FormData, directory: AgencyDirectory): { correction: TaskCorrection } | { error: string } {
	const names = (field: string): string[] | { error: string } => {
		const out: string[] = [];
		for (const v of form.getAll(field)) {
			if (typeof v !== 'string' || !v.trim()) continue;
			const found = directoryAgency(v.normalize('NFC').trim(), directory);
			if ('error' in found) return found;
			out.push(found.name);
		}
		return out;
	};
	const lead = names('lead');
	if (!Array.isArray(lead)) return lead;
	const support = names('support');
	if (!Array.isArray(support)) return support;
	const text = (field: string) => {
		const v = form.get(field);
		return typeof v === 'string' ? v : '';
	};
	return { correction: { lead, support, due: text('due') || null, reason: text('reason'), document: text('document') } };
}
