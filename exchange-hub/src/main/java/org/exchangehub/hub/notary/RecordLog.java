package org.exchangehub.hub.notary;

import java.util.List;
import org.exchangehub.hub.record.RecordType;
import org.springframework.stereotype.Component;

/**
 * The record log as its readers see it: sealed record versions in log order. Positions are dense and gap-free, and
 * given only inside the sealing transaction that holds the log head, so the sealed versions are always a prefix of the
 * log: a reader that follows positions can neither skip a version nor see one twice, whatever the order in which
 * publishers committed and however many hub instances seal.
 */
@Component
public class RecordLog {

    private final NotaryStore store;

    RecordLog(NotaryStore store) {
        this.store = store;
    }

    /** Up to {@code limit} entries of a type after a position, in log order. */
    public List<NotaryStore.LogEntry> after(RecordType type, long position, int limit) {
        return store.entries(type.name(), position, limit);
    }

    /** The entries of positions {@code from} to {@code to}, in log order. */
    public List<NotaryStore.LogEntry> between(long from, long to) {
        return store.entriesBetween(from, to);
    }

    /**
     * The position a feed cursor from before the record log stands for. Such a cursor was a version's sequence
     * number; the answer is the position before the first entry of a version with a greater one, so a reader coming
     * back with it skips nothing it had not seen (and may see again a few it had).
     */
    public long positionBeforeSeq(long seq) {
        return store.positionBeforeSeq(seq);
    }
}
