package dev.patkit.core.rotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RotationJournal} in memory. Thread-safe. */
final class InMemoryJournal implements RotationJournal {

    private final Map<String, List<JournalEntry>> plans = new ConcurrentHashMap<>();

    @Override
    public List<JournalEntry> entries(String planId) {
        List<JournalEntry> list = plans.get(planId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    @Override
    public void append(String planId, JournalEntry entry) {
        List<JournalEntry> list = plans.computeIfAbsent(planId, k -> new ArrayList<>());
        synchronized (list) {
            list.add(entry);
        }
    }
}
