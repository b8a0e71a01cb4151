package dev.patkit.core.audit;

import dev.patkit.core.Authorization;
import java.util.List;
import java.util.Objects;

/**
 * One token an audit saw, where it saw it, and what it found.
 *
 * @param authorization the token's record
 * @param source the source's label (for example {@code gitlab https://gitlab.com/api/v4})
 * @param stored whether the source is a store of tokens (ServiceStage) rather than the token's issuer
 * @param findings what was found about this token; empty when nothing
 */
public record AuditEntry(Authorization authorization, String source, boolean stored, List<Finding> findings) {

    /**
     * Creates an entry.
     *
     * @param authorization the token's record
     * @param source the source's label
     * @param stored whether the source is a store
     * @param findings what was found
     */
    public AuditEntry {
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(source, "source");
        findings = List.copyOf(findings);
    }
}
