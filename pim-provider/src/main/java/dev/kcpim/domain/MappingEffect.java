package dev.kcpim.domain;

/** What a transition does to the user's role mapping. */
public enum MappingEffect {
    /** The window starts: PIM adds the mapping (unless the user already holds the role directly; PIM then leaves it alone). */
    GRANT,
    /** The elevation ends: PIM removes the mapping it added. */
    REMOVE,
    NONE
}
