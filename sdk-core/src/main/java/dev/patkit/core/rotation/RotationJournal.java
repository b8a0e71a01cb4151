package dev.patkit.core.rotation;

import java.util.List;

/**
 * Where a rotation plan records its steps, so a plan that stopped half-way resumes without
 * rotating twice. Entries hold ids and fingerprints, never secrets.
 *
 * <p>Implementations must make {@link #append} durable before returning and be thread-safe.
 */
public interface RotationJournal {

    /**
     * Reads a plan's entries.
     *
     * @param planId the plan's id
     * @return the entries, oldest first; empty for a new plan
     */
    List<JournalEntry> entries(String planId);

    /**
     * Records an entry.
     *
     * @param planId the plan's id
     * @param entry the entry
     */
    void append(String planId, JournalEntry entry);

    /**
     * Checks, changing nothing, that entries of this plan can be recorded. The default checks nothing.
     *
     * @param planId the plan's id
     * @throws dev.patkit.core.ValidationException naming what is wrong
     */
    default void check(String planId) {}

    /** @return a journal in memory, for tests and single-process use */
    static RotationJournal inMemory() {
        return new InMemoryJournal();
    }
}
