package dev.kcpim.service;

import dev.kcpim.jpa.UserRoleMappingStore.Pair;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The bookkeeping of one batch's bulk mapping removal, without Keycloak: the pairs the batch may remove
 * (its requests that hold a mapping PIM added), those of them that exist, and those whose removal was
 * deferred to the batch's one DELETE.
 */
final class MappingBatch {
    private final Set<Pair> known;
    private final Set<Pair> existing;
    private final Set<Pair> deferred = new LinkedHashSet<>();

    MappingBatch(Collection<Pair> known, Collection<Pair> existing) {
        this.known = new HashSet<>(known);
        this.existing = new HashSet<>(existing);
        this.existing.retainAll(this.known);
    }

    /**
     * The removal of the pair, asked by a request whose claim this batch won: null when the pair is not
     * the batch's (the caller removes it at once); otherwise whether the user holds it directly, in
     * which case its deletion is deferred. Asked twice, the second answer is false: it is gone.
     */
    Boolean defer(Pair pair) {
        if (!known.contains(pair)) {
            return null;
        }
        if (existing.remove(pair)) {
            deferred.add(pair);
            return true;
        }
        return false;
    }

    /** The pairs to delete, in the order they were deferred. */
    Set<Pair> deferred() {
        return deferred;
    }
}
