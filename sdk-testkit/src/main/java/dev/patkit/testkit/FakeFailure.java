package dev.patkit.testkit;

import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.Objects;

/**
 * A failure to inject into the next matching request of a fake, with
 * {@link FakeServer#failNext(String, String, FakeFailure)}.
 *
 * <p>Three kinds: answer a status instead of handling the request ({@link #status(int)}); break
 * the connection before anything happens ({@link #fault(Fault)}); or handle the request, change
 * the state, and then lose the response ({@link #lostResponse()}, the case that makes a rotate
 * ambiguous). {@link #delay(Duration)} handles the request normally but answers late. Immutable.
 */
public final class FakeFailure {

    /** When the failure strikes. */
    enum Mode { STATUS, FAULT_BEFORE, FAULT_AFTER, DELAY }

    private final Mode mode;
    private final int status;
    private final String body;
    private final Fault fault;
    private final Duration delay;

    private FakeFailure(Mode mode, int status, String body, Fault fault, Duration delay) {
        this.mode = mode;
        this.status = status;
        this.body = body;
        this.fault = fault;
        this.delay = delay;
    }

    /**
     * Answers a status with a small JSON body ({@code {"message":"<status> injected failure"}})
     * without handling the request.
     *
     * @param status the HTTP status
     * @return the failure
     */
    public static FakeFailure status(int status) {
        return new FakeFailure(Mode.STATUS, status, "{\"message\":\"" + status + " injected failure\"}", null, null);
    }

    /**
     * Answers a status with a given JSON body without handling the request.
     *
     * @param status the HTTP status
     * @param jsonBody the body, sent as {@code application/json}
     * @return the failure
     */
    public static FakeFailure status(int status, String jsonBody) {
        return new FakeFailure(Mode.STATUS, status, Objects.requireNonNull(jsonBody, "jsonBody"), null, null);
    }

    /**
     * Breaks the connection before the request is handled: the state does not change.
     *
     * @param fault WireMock's fault
     * @return the failure
     */
    public static FakeFailure fault(Fault fault) {
        return new FakeFailure(Mode.FAULT_BEFORE, 0, null, Objects.requireNonNull(fault, "fault"), null);
    }

    /** @return a connection reset before the request is handled (state unchanged) */
    public static FakeFailure connectionReset() {
        return fault(Fault.CONNECTION_RESET_BY_PEER);
    }

    /**
     * Handles the request (a rotate really rotates, a create really creates) and then resets the
     * connection, so the client never sees the answer.
     *
     * @return the failure
     */
    public static FakeFailure lostResponse() {
        return lostResponse(Fault.CONNECTION_RESET_BY_PEER);
    }

    /**
     * Handles the request and then answers with a fault instead of the response.
     *
     * @param fault WireMock's fault
     * @return the failure
     */
    public static FakeFailure lostResponse(Fault fault) {
        return new FakeFailure(Mode.FAULT_AFTER, 0, null, Objects.requireNonNull(fault, "fault"), null);
    }

    /**
     * Handles the request normally but answers only after a delay (for timeout tests).
     *
     * @param delay how long, positive
     * @return the failure
     */
    public static FakeFailure delay(Duration delay) {
        return new FakeFailure(Mode.DELAY, 0, null, null, Objects.requireNonNull(delay, "delay"));
    }

    Mode mode() {
        return mode;
    }

    int statusCode() {
        return status;
    }

    String body() {
        return body;
    }

    Fault faultValue() {
        return fault;
    }

    Duration delayValue() {
        return delay;
    }

    @Override
    public String toString() {
        return "FakeFailure[" + mode + (mode == Mode.STATUS ? " " + status : "")
                + (fault != null ? " " + fault : "") + (delay != null ? " " + delay : "") + "]";
    }
}
