import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { bodyExtensions } from '../../editor/createNoticeEditor';
import { BODY_BLOCK_NODES, BODY_NODES } from './docShape';

describe('docShape [P14]', () => {
	it('names every node of the body editor schema stored as an XmlElement', () => {
		const schema = getSchema(bodyExtensions());
		const stored = Object.keys(schema.nodes).filter((name) => name !== 'doc' && name !== 'text');
		expect([...BODY_NODES].sort()).toEqual(stored.sort());
		// What may stand at the top of the body: the doc node's content (block nodes).
		const blocks = stored.filter((name) => schema.nodes[name]!.isInGroup('block'));
		expect([...BODY_BLOCK_NODES].sort()).toEqual(blocks.sort());
	});
});
