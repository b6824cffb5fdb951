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
    /**
     * The anchored prefix: the highest position such that every batch holding positions up to it is anchored, so
     * every record at or below it has a complete receipt. Deliveries go no further.
     */
    public long anchoredThrough() {
        return store.anchoredThrough();
    }

    /** Up to {@code limit} entries of any of the types after {@code after} and at most {@code through}, in log order. */
    public List<NotaryStore.LogEntry> after(
            java.util.Collection<RecordType> types, long after, long through, int limit) {
        return store.entriesOf(names(types), after, through, limit);
    }

    /** How many entries of any of the types lie after {@code after} and at most {@code through}. */
    public long count(java.util.Collection<RecordType> types, long after, long through) {
        return store.countOf(names(types), after, through);
    }

    /** The log entry of the version with sequence number {@code seq}, once it is sealed. */
    public java.util.Optional<NotaryStore.LogEntry> entryOf(long seq) {
        return store.entryOf(seq);
    }

    private static List<String> names(java.util.Collection<RecordType> types) {
        return types.stream().map(Enum::name).sorted().toList();
    }
}
