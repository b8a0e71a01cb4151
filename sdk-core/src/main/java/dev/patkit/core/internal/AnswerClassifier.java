package dev.patkit.core.internal;

import java.util.Set;

/**
 * What the pipeline does with an HTTP answer. A pure function of the status and the call's state;
 * the authenticator's answer to a rejection ({@code retryAfterRejection}, which may renew the
 * credential) is asked for only when {@link #mayRenew} says it matters, and passed in.
 */
final class AnswerClassifier {

    /** What an answer means for the call. */
    enum Outcome {
        /** A 301, 302, 303, 307 or 308: {@link Redirects} decides whether and where to follow. */
        REDIRECT,
        /** A 2xx: map the body into the result. */
        SUCCESS,
        /** A status the request declares as "already done" on a retry: an earlier attempt took effect. */
        DONE_ON_RETRY,
        /** The credential was rejected and renewed: send the same attempt once more. */
        RENEW_CREDENTIAL,
        /** A 401 the request declares an answer ({@code ApiRequest.whenRejected}): map it into the result. */
        REJECTED_AS_ANSWER,
        /** A change answered 5xx: whether it took effect is unknown; never a plain error, never re-sent. */
        AMBIGUOUS,
        /** Any other answer: the provider's error mapper names it; {@link #retryable} says whether to try again. */
        MAPPED_ERROR
    }

    private AnswerClassifier() {}

    /**
     * Whether to ask the authenticator about a rejection: an error answer, on the client's own
     * origin, to an authenticated request that was not renewed before.
     */
    static boolean mayRenew(int status, int attempt, Set<Integer> doneOnRetry, boolean authenticatedSameOrigin,
            boolean renewedBefore) {
        return authenticatedSameOrigin && !renewedBefore && !Redirects.isRedirect(status) && !isSuccess(status)
                && !(attempt > 1 && doneOnRetry.contains(status));
    }

    /**
     * Classifies an answer.
     *
     * @param status the HTTP status
     * @param attempt the attempt that got it, from 1
     * @param idempotent whether the request may be sent twice
     * @param doneOnRetry the statuses that, on a retry, mean an earlier attempt took effect
     * @param renewed whether the authenticator renewed the credential after this answer
     * @return the outcome
     */
    static Outcome classify(int status, int attempt, boolean idempotent, Set<Integer> doneOnRetry, boolean renewed) {
        return classify(status, attempt, idempotent, doneOnRetry, renewed, false);
    }

    /**
     * Classifies an answer to a request that may declare a rejection an answer.
     *
     * @param status the HTTP status
     * @param attempt the attempt that got it, from 1
     * @param idempotent whether the request may be sent twice
     * @param doneOnRetry the statuses that, on a retry, mean an earlier attempt took effect
     * @param renewed whether the authenticator renewed the credential after this answer
     * @param rejectionIsAnswer whether the request maps a 401 into its result
     * @return the outcome
     */
    static Outcome classify(int status, int attempt, boolean idempotent, Set<Integer> doneOnRetry, boolean renewed,
            boolean rejectionIsAnswer) {
        if (Redirects.isRedirect(status)) {
            return Outcome.REDIRECT;
        }
        if (isSuccess(status)) {
            return Outcome.SUCCESS;
        }
        if (attempt > 1 && doneOnRetry.contains(status)) {
            return Outcome.DONE_ON_RETRY;
        }
        if (renewed) {
            return Outcome.RENEW_CREDENTIAL;
        }
        if (status == 401 && rejectionIsAnswer) {
            return Outcome.REJECTED_AS_ANSWER;
        }
        if (!idempotent && status >= 500) {
            // A gateway's 502 or 504 often comes while the server goes on working.
            return Outcome.AMBIGUOUS;
        }
        return Outcome.MAPPED_ERROR;
    }

    /**
     * Whether a mapped error may be tried again: an idempotent request answered 408, 429, 5xx, or
     * an answer the provider maps to a rate limit (GitHub's 403 with an exhausted budget).
     */
    static boolean retryable(int status, boolean idempotent, boolean rateLimited) {
        return idempotent && (status == 408 || status == 429 || status >= 500 || rateLimited);
    }

    /**
     * Whether an answer whose body could not be read (too large, or unmappable) leaves a change's
     * outcome unknown: a 2xx or 5xx to a request that is not idempotent.
     */
    static boolean unreadableIsAmbiguous(int status, boolean idempotent) {
        return !idempotent && (isSuccess(status) || status >= 500);
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }
}
