package dev.patkit.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed on a {@code patkit.*} property: which one, and what to change. */
class PatkitPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPatkitPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidPatkitPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct the property " + cause.property()
                + " (see the Patkit Spring Boot starter's README).", cause);
    }
}
