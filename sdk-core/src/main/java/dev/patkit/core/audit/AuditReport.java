package dev.patkit.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * What an audit saw: every visible token with its findings.
 *
 * @param at when the audit ran, per its clock
 * @param entries one entry per token, in source order
 * @param sourceFailures findings about sources that could not be read
 */
public record AuditReport(Instant at, List<AuditEntry> entries, List<Finding> sourceFailures) {

    /**
     * Creates a report.
     *
     * @param at when the audit ran
     * @param entries one entry per token
     * @param sourceFailures findings about sources that could not be read
     */
    public AuditReport {
        entries = List.copyOf(entries);
        sourceFailures = List.copyOf(sourceFailures);
    }

    /** @return every finding, token findings first, then source failures */
    public List<Finding> findings() {
        return java.util.stream.Stream.concat(entries.stream().flatMap(e -> e.findings().stream()), sourceFailures.stream())
                .toList();
    }

    /**
     * The findings of one kind.
     *
     * @param kind the kind
     * @return the findings
     */
    public List<Finding> findings(Finding.Kind kind) {
        return findings().stream().filter(f -> f.kind() == kind).toList();
    }
}
