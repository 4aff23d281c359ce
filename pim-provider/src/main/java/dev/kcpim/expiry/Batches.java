package dev.kcpim.expiry;

import java.util.ArrayList;
import java.util.List;

/** How the expiry task splits due rows into batches for its worker threads; plain Java. */
final class Batches {
    /** Below this a batch does not pay for its own transaction: a few due rows go to fewer threads. */
    static final int MIN_BATCH = 50;

    private Batches() {
    }

    /**
     * Splits the items into at most {@code parts} batches of at most {@code maxSize} each (items beyond
     * {@code parts × maxSize} are left for the next wave), as even as possible, none smaller than
     * {@link #MIN_BATCH} unless there are fewer items than that.
     */
    static <T> List<List<T>> split(List<T> items, int parts, int maxSize) {
        int n = Math.min(items.size(), parts * maxSize);
        List<List<T>> batches = new ArrayList<>();
        if (n == 0) {
            return batches;
        }
        int count = Math.max(1, Math.min(parts, Math.max((n + maxSize - 1) / maxSize, n / MIN_BATCH)));
        int size = (n + count - 1) / count;
        for (int from = 0; from < n; from += size) {
            batches.add(items.subList(from, Math.min(n, from + size)));
        }
        return batches;
    }

    /**
     * When to wake up after a run: the earliest due instant, if it comes within {@code lookaheadMillis}
     * of {@code now} (later ones are seen by a later periodic run); never before {@code now}.
     */
    static Long wakeUpAt(Long nextDue, long now, long lookaheadMillis) {
        if (nextDue == null || nextDue > now + lookaheadMillis) {
            return null;
        }
        return Math.max(nextDue, now);
    }
}
