import { createMemoryDocStoreData, openMemoryDocStore } from './MemoryDocStore';
import { runDocStoreContract } from './docStoreContract';

runDocStoreContract('memory', () => {
	const data = createMemoryDocStoreData();
	return { open: () => openMemoryDocStore(data), dispose: () => {} };
});
