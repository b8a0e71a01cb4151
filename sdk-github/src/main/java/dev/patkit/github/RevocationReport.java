package dev.patkit.github;

import dev.patkit.core.PatkitException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code POST /credentials/revoke} did with each batch of tokens (at most 1000 a request).
 *
 * <p>GitHub accepts a batch without saying which tokens it revoked: an accepted batch means GitHub
 * took the request, not that every token was live. Batches are identified by the fingerprints of
 * their tokens (never the tokens). Immutable.
 *
 * @param batches one entry per batch, in sending order
 */
public record RevocationReport(List<Batch> batches) {

    /**
     * Creates the report.
     *
     * @param batches the batches
     */
    public RevocationReport {
        batches = List.copyOf(batches);
    }

    /** @return true when every batch was accepted */
    public boolean allAccepted() {
        return batches.stream().allMatch(b -> b.outcome() == Outcome.ACCEPTED);
    }

    /** @return the number of tokens in accepted batches */
    public int acceptedTokens() {
        return batches.stream().filter(b -> b.outcome() == Outcome.ACCEPTED).mapToInt(b -> b.fingerprints().size()).sum();
    }

    /** What happened to one batch. */
    public enum Outcome {
        /** GitHub accepted the batch (HTTP 2xx). */
        ACCEPTED,
        /** GitHub refused the batch or it could not be sent; see {@link Batch#error()}. */
        FAILED,
        /** Not sent because an earlier batch hit the rate limit. */
        NOT_SENT
    }

    /**
     * One request's worth of tokens.
     *
     * @param index the batch's position, from 1
     * @param fingerprints the fingerprints of its tokens ({@link dev.patkit.core.Token#fingerprint()})
     * @param outcome what happened
     * @param httpStatus the status GitHub answered, or 0 when there was no answer
     * @param error why it failed, when it did
     */
    public record Batch(int index, List<String> fingerprints, Outcome outcome, int httpStatus,
            Optional<PatkitException> error) {

        /**
         * Creates a batch result.
         *
         * @param index the batch's position, from 1
         * @param fingerprints its tokens' fingerprints
         * @param outcome what happened
         * @param httpStatus the HTTP status, or 0
         * @param error the failure, if any
         */
        public Batch {
            fingerprints = List.copyOf(fingerprints);
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(error, "error");
        }
    }
}
