package dev.patkit.core.internal;

import static dev.patkit.core.internal.AnswerClassifier.Outcome.AMBIGUOUS;
import static dev.patkit.core.internal.AnswerClassifier.Outcome.DONE_ON_RETRY;
import static dev.patkit.core.internal.AnswerClassifier.Outcome.MAPPED_ERROR;
import static dev.patkit.core.internal.AnswerClassifier.Outcome.REDIRECT;
import static dev.patkit.core.internal.AnswerClassifier.Outcome.RENEW_CREDENTIAL;
import static dev.patkit.core.internal.AnswerClassifier.Outcome.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerClassifierTest {

    private static final Set<Integer> NONE = Set.of();

    @ParameterizedTest(name = "{0} to idempotent={1} on attempt {2} -> {3}")
    @CsvSource({
            "200, true, 1, SUCCESS", "204, false, 1, SUCCESS", "299, false, 3, SUCCESS",
            "301, true, 1, REDIRECT", "302, false, 1, REDIRECT", "303, false, 1, REDIRECT", "307, true, 2, REDIRECT",
            "308, false, 1, REDIRECT", "304, true, 1, MAPPED_ERROR", "300, true, 1, MAPPED_ERROR",
            "503, false, 1, AMBIGUOUS", "500, false, 2, AMBIGUOUS", "502, false, 1, AMBIGUOUS",
            "503, true, 1, MAPPED_ERROR", "404, false, 1, MAPPED_ERROR", "429, false, 1, MAPPED_ERROR",
            "401, true, 1, MAPPED_ERROR", "499, false, 1, MAPPED_ERROR"})
    void classify_byStatusAndIdempotency(int status, boolean idempotent, int attempt, AnswerClassifier.Outcome expected) {
        assertThat(AnswerClassifier.classify(status, attempt, idempotent, NONE, false)).isEqualTo(expected);
    }

    @Test
    void classify_503ToNonIdempotentPost_isAmbiguous() {
        assertThat(AnswerClassifier.classify(503, 1, false, NONE, false)).isEqualTo(AMBIGUOUS);
    }

    @Test
    void classify_doneOnRetry_onlyOnARetry() {
        Set<Integer> gone = Set.of(404);
        assertThat(AnswerClassifier.classify(404, 1, false, gone, false)).isEqualTo(MAPPED_ERROR);
        assertThat(AnswerClassifier.classify(404, 2, false, gone, false)).isEqualTo(DONE_ON_RETRY);
        assertThat(AnswerClassifier.classify(409, 2, false, gone, false)).isEqualTo(MAPPED_ERROR);
    }

    @Test
    void classify_renewedCredential_sendsAgain_butNeverInsteadOfSuccessRedirectOrDone() {
        assertThat(AnswerClassifier.classify(401, 1, true, NONE, true)).isEqualTo(RENEW_CREDENTIAL);
        assertThat(AnswerClassifier.classify(503, 1, false, NONE, true)).isEqualTo(RENEW_CREDENTIAL);
        assertThat(AnswerClassifier.classify(200, 1, true, NONE, true)).isEqualTo(SUCCESS);
        assertThat(AnswerClassifier.classify(302, 1, true, NONE, true)).isEqualTo(REDIRECT);
        assertThat(AnswerClassifier.classify(404, 2, true, Set.of(404), true)).isEqualTo(DONE_ON_RETRY);
    }

    @Test
    void mayRenew_onlyForAnErrorToAnAuthenticatedSameOriginRequest_once() {
        assertThat(AnswerClassifier.mayRenew(401, 1, NONE, true, false)).isTrue();
        assertThat(AnswerClassifier.mayRenew(403, 2, NONE, true, false)).isTrue();
        assertThat(AnswerClassifier.mayRenew(401, 1, NONE, true, true)).as("renewed before").isFalse();
        assertThat(AnswerClassifier.mayRenew(401, 1, NONE, false, false)).as("another origin or anonymous").isFalse();
        assertThat(AnswerClassifier.mayRenew(200, 1, NONE, true, false)).isFalse();
        assertThat(AnswerClassifier.mayRenew(307, 1, NONE, true, false)).isFalse();
        assertThat(AnswerClassifier.mayRenew(404, 2, Set.of(404), true, false)).as("done on retry").isFalse();
        assertThat(AnswerClassifier.mayRenew(404, 1, Set.of(404), true, false)).isTrue();
    }

    @ParameterizedTest(name = "{0}, idempotent={1}, rate limited={2} -> {3}")
    @CsvSource({
            "408, true, false, true", "429, true, false, true", "500, true, false, true", "503, true, false, true",
            "403, true, true, true", "403, true, false, false", "404, true, false, false", "400, true, false, false",
            "429, false, false, false", "403, false, true, false", "503, false, false, false"})
    void retryable_onlyIdempotent_and_408_429_5xx_orRateLimited(int status, boolean idempotent, boolean rateLimited,
            boolean expected) {
        assertThat(AnswerClassifier.retryable(status, idempotent, rateLimited)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, idempotent={1} -> {2}")
    @CsvSource({"200, false, true", "201, false, true", "500, false, true", "504, false, true",
            "404, false, false", "302, false, false", "200, true, false", "500, true, false"})
    void unreadableIsAmbiguous_forAChangeAnswered2xxOr5xx(int status, boolean idempotent, boolean expected) {
        assertThat(AnswerClassifier.unreadableIsAmbiguous(status, idempotent)).isEqualTo(expected);
    }

    /** A 401 the request declares an answer becomes its result, after the one renewal and only for 401. */
    @Test
    void aDeclaredRejection_isAnAnswer_onlyFor401_andOnlyWhenNotRenewed() {
        assertThat(AnswerClassifier.classify(401, 1, true, NONE, false, true)).isEqualTo(AnswerClassifier.Outcome.REJECTED_AS_ANSWER);
        assertThat(AnswerClassifier.classify(401, 1, true, NONE, true, true)).isEqualTo(AnswerClassifier.Outcome.RENEW_CREDENTIAL);
        assertThat(AnswerClassifier.classify(403, 1, true, NONE, false, true)).isEqualTo(MAPPED_ERROR);
        assertThat(AnswerClassifier.classify(401, 1, true, NONE, false, false)).isEqualTo(MAPPED_ERROR);
        assertThat(AnswerClassifier.classify(200, 1, true, NONE, false, true)).isEqualTo(AnswerClassifier.Outcome.SUCCESS);
    }
}
