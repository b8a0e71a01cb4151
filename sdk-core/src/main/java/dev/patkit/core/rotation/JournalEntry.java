package dev.patkit.core.rotation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a rotation plan, as recorded. Holds ids and fingerprints, never secrets.
 *
 * @param at when it was recorded
 * @param event what happened, for example {@code ROTATED}
 * @param data ids, fingerprints, holder ids and handles
 */
public record JournalEntry(Instant at, String event, Map<String, String> data) {

    /**
     * Creates an entry.
     *
     * @param at when it was recorded
     * @param event what happened
     * @param data ids and fingerprints
     */
    public JournalEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        data = Map.copyOf(data);
    }
}
