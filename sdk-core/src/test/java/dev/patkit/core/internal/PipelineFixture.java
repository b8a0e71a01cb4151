package dev.patkit.core.internal;

import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.testing.RecordingSleeper;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ErrorMapper;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.OutgoingRequest;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.RequestAuthenticator;
import dev.patkit.core.spi.StandardErrors;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds pipelines for tests: a recording sleeper and an authenticator that sends every credential header. */
final class PipelineFixture implements AutoCloseable {

    final RecordingSleeper recordingSleeper = new RecordingSleeper();
    final List<Duration> sleeps = recordingSleeper.waits();
    final PatkitRuntime runtime;

    static final ErrorMapper MESSAGE_ERRORS = (response, context) -> StandardErrors.forStatus(response, context,
            java.util.Optional.ofNullable(response.isJson() ? response.json().path("message").asText(null) : null),
            List.of());

    PipelineFixture(PatkitOptions.Builder options) {
        this.runtime = new PatkitRuntime(options.sleeper(recordingSleeper).build());
    }

    PipelineFixture() {
        this(PatkitOptions.builder());
    }

    HttpPipeline pipeline(String base, RequestAuthenticator auth) {
        return runtime.pipeline(new PipelineSpec("demo", URI.create(base), auth, MESSAGE_ERRORS, Map.of()));
    }

    HttpPipeline pipeline(String base, Token token) {
        return pipeline(base, allCredentialHeaders(token));
    }

    /** Sends the token in every header a provider could use, to prove none of them leaks. */
    static RequestAuthenticator allCredentialHeaders(Token token) {
        RequestAuthenticator bearer = RequestAuthenticator.header("Authorization", "Bearer ", token);
        return new RequestAuthenticator() {
            @Override
            public void authenticate(OutgoingRequest request) {
                bearer.authenticate(request);
                request.header("PRIVATE-TOKEN", token.reveal());
                request.header("X-Auth-Token", token.reveal());
                request.header("JOB-TOKEN", token.reveal());
                request.header("Cookie", "session=" + token.reveal());
                request.header("Proxy-Authorization", "Bearer " + token.reveal());
            }

            @Override
            public String redact(String text) {
                return bearer.redact(text);
            }
        };
    }

    static final ApiResponse[] LAST = new ApiResponse[1];

    @Override
    public void close() {
        runtime.close();
    }
}
