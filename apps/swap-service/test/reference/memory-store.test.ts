import { createMemoryStore } from '../../src/reference/memory-store.js';
import { describeStoreContract } from './helpers/store-contract.js';

describeStoreContract('memory', async (clock) => createMemoryStore({ clock }));
