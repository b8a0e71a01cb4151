package dev.patkit.core.internal;

import static dev.patkit.core.internal.FailureClassifier.Outcome.AMBIGUOUS;
import static dev.patkit.core.internal.FailureClassifier.Outcome.DEADLINE;
import static dev.patkit.core.internal.FailureClassifier.Outcome.DEADLINE_AMBIGUOUS;
import static dev.patkit.core.internal.FailureClassifier.Outcome.NOT_SENT_RETRY;
import static dev.patkit.core.internal.FailureClassifier.Outcome.PATKIT_ERROR;
import static dev.patkit.core.internal.FailureClassifier.Outcome.SENT_RETRY_IF_IDEMPOTENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.ResponseTooLargeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    private static final boolean POST = false;
    private static final boolean GET = true;

    @Test
    void connectionRefused_onAPost_isRetried_nothingWasSent() {
        assertThat(FailureClassifier.classify(new ConnectException("Connection refused"), POST, false, false))
                .isEqualTo(NOT_SENT_RETRY);
        assertThat(FailureClassifier.classify(new CompletionException(new ConnectException("refused")), POST, false, false))
                .isEqualTo(NOT_SENT_RETRY);
        assertThat(FailureClassifier.classify(new IOException("wrapped", new ConnectException()), POST, false, false))
                .isEqualTo(NOT_SENT_RETRY);
    }

    @Test
    void noConnectionOrNoTlsSession_isNotSent_forAnyMethod() {
        assertThat(FailureClassifier.classify(new HttpConnectTimeoutException("connect"), POST, false, false))
                .isEqualTo(NOT_SENT_RETRY);
        assertThat(FailureClassifier.classify(new SSLHandshakeException("handshake"), POST, false, false))
                .isEqualTo(NOT_SENT_RETRY);
        assertThat(FailureClassifier.classify(new ConnectException(), GET, false, false)).isEqualTo(NOT_SENT_RETRY);
    }

    @Test
    void aConnectionLostAfterSending_isAmbiguousForAPost_retriedForAGet() {
        IOException reset = new IOException("Connection reset");
        assertThat(FailureClassifier.classify(reset, POST, false, false)).isEqualTo(AMBIGUOUS);
        assertThat(FailureClassifier.classify(reset, GET, false, false)).isEqualTo(SENT_RETRY_IF_IDEMPOTENT);
    }

    @Test
    void patkitsOwnException_anywhereInTheChain_isPassedOn() {
        ResponseTooLargeException tooLarge = new ResponseTooLargeException("too large", ErrorContext.NONE);
        assertThat(FailureClassifier.classify(tooLarge, POST, true, false)).isEqualTo(PATKIT_ERROR);
        IOException wrapped = new IOException("x", tooLarge);
        assertThat(FailureClassifier.classify(new CompletionException(wrapped), POST, false, false)).isEqualTo(PATKIT_ERROR);
        assertThat(FailureClassifier.patkitCause(new CompletionException(wrapped))).isSameAs(tooLarge);
        assertThat(FailureClassifier.patkitCause(new IOException("x"))).isNull();
    }

    @Test
    void theDeadline_isAmbiguousOnlyForAChangeThatMayHaveBeenSent() {
        IOException reset = new IOException("reset");
        assertThat(FailureClassifier.classify(reset, POST, true, false)).isEqualTo(DEADLINE_AMBIGUOUS);
        assertThat(FailureClassifier.classify(reset, GET, true, false)).isEqualTo(DEADLINE);
        assertThat(FailureClassifier.classify(new ConnectException(), POST, true, false)).isEqualTo(DEADLINE);
        assertThat(FailureClassifier.classify(new CancellationException(), POST, false, false)).isEqualTo(DEADLINE_AMBIGUOUS);
        assertThat(FailureClassifier.classify(new CancellationException(), GET, false, false)).isEqualTo(DEADLINE);
    }

    @Test
    void theJdksRequestTimeout_isTheDeadline_onlyWhenItWasSetToTheTimeLeft() {
        HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
        assertThat(FailureClassifier.classify(timeout, POST, false, true)).isEqualTo(DEADLINE_AMBIGUOUS);
        assertThat(FailureClassifier.classify(timeout, GET, false, true)).isEqualTo(DEADLINE);
        assertThat(FailureClassifier.classify(timeout, GET, false, false)).as("a shorter attempt timeout")
                .isEqualTo(SENT_RETRY_IF_IDEMPOTENT);
        assertThat(FailureClassifier.classify(timeout, POST, false, false)).isEqualTo(AMBIGUOUS);
        assertThat(FailureClassifier.classify(new HttpConnectTimeoutException("connect"), POST, false, true))
                .as("a connect timeout sent nothing").isEqualTo(NOT_SENT_RETRY);
    }
}
