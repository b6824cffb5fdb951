/**
 * The hub's own database file kept to the size of its data: H2's store, written at every commit ({@code WRITE_DELAY=0}),
 * is never compacted by H2 itself in that mode, so the hub does it (see {@link org.exchangehub.hub.storage.H2StoreCompaction});
 * and commits shared by concurrent callers ({@link org.exchangehub.hub.storage.GroupCommit}).
 */
package org.exchangehub.hub.storage;
