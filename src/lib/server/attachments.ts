import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** Largest attachment accepted (bytes); larger files are refused with a message. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** A stored attachment of a progress report. */
export interface StoredAttachment {
	name: string;
	/** Path relative to the data directory's attachments folder. */
	path: string;
	size: number;
}

/** Stores uploaded files under DATA_DIR/attachments; throws a Vietnamese message on a bad file. */
export async function storeAttachments(dataDir: string, files: File[]): Promise<StoredAttachment[]> {
	const out: StoredAttachment[] = [];
	const dir = join(dataDir, 'attachments');
	for (const f of files) {
		if (!f.size) continue;
		if (f.size > MAX_ATTACHMENT_BYTES) throw new Error(`Tệp “${f.name}” quá lớn (tối đa 10 MB).`);
		mkdirSync(dir, { recursive: true });
		// The stored name is ours; the person's file name is kept only as a label.
		const path = `${randomUUID()}.bin`;
		writeFileSync(join(dir, path), Buffer.from(await f.arrayBuffer()));
		out.push({ name: f.name.normalize('NFC').slice(0, 200), path, size: f.size });
	}
	return out;
}
