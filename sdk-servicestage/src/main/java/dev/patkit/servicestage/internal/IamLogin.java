package dev.patkit.servicestage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.servicestage.IamPassword;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains and caches an IAM token with a password login (reference B.7):
 * {@code POST {iam}/v3/auth/tokens?nocatalog=true}, 201, the token in {@code X-Subject-Token}, its
 * expiry in {@code token.expires_at}.
 *
 * <p>The token is kept until {@link #RENEW_BEFORE} before it expires; concurrent callers share
 * one login. Thread-safe.
 */
public final class IamLogin {

    /** How long before its expiry a cached token is renewed. */
    public static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    /** Assumed lifetime when IAM does not say (it documents 24 hours). */
    static final Duration ASSUMED_LIFETIME = Duration.ofHours(23);

    private static final Logger LOG = LoggerFactory.getLogger(IamLogin.class);

    private final HttpPipeline iam;
    private final IamPassword credential;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Cached cached;
    private CompletableFuture<Cached> inFlight;

    private record Cached(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Cached[expires " + expiresAt + "]";
        }
    }

    /**
     * Creates the login.
     *
     * @param iam a pipeline to the IAM endpoint (its authenticator must redact the password)
     * @param credential the login
     * @param clock the clock
     */
    public IamLogin(HttpPipeline iam, IamPassword credential, Clock clock) {
        this.iam = iam;
        this.credential = credential;
        this.clock = clock;
    }

    /** @return a future that completes when a fresh token is cached */
    public CompletableFuture<Void> ensure() {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.expiresAt.minus(RENEW_BEFORE))) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Cached> f;
        synchronized (lock) {
            c = cached;
            if (c != null && clock.instant().isBefore(c.expiresAt.minus(RENEW_BEFORE))) {
                return CompletableFuture.completedFuture(null);
            }
            if (inFlight == null) {
                LOG.debug("servicestage: logging in to IAM at {} ({})", iam.baseUri(), credential);
                // The token is cached inside the chain, before any caller continues.
                CompletableFuture<Cached> started = iam.send(request()).whenComplete((v, e) -> {
                    synchronized (lock) {
                        if (e == null) {
                            cached = v;
                        }
                        inFlight = null;
                    }
                });
                if (started.isDone()) {
                    return started.thenApply(v -> null);
                }
                inFlight = started;
            }
            f = inFlight;
        }
        return f.thenApply(v -> null);
    }

    /** @return the cached token, or null before the first login */
    public String current() {
        Cached c = cached;
        return c == null ? null : c.token;
    }

    /** @return when the cached token expires, or null */
    public Instant expiresAt() {
        Cached c = cached;
        return c == null ? null : c.expiresAt;
    }

    /**
     * Forgets the cached token if it is the one that was rejected, so the next {@link #ensure()}
     * logs in again.
     *
     * @param rejected the token the rejected request carried, or null for the current one
     */
    public void invalidate(String rejected) {
        synchronized (lock) {
            Cached c = cached;
            if (c != null && (rejected == null || rejected.equals(c.token))) {
                cached = null;
            }
        }
    }

    /**
     * Removes the cached token from text (the password is carried by the login request as a
     * {@link dev.patkit.core.Token}, which the pipeline removes itself).
     *
     * @param text the text
     * @return the text without secrets
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        Cached c = cached;
        return c == null ? text : text.replace(c.token, "***");
    }

    private ApiRequest<Cached> request() {
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of(
                        "methods", List.of("password"),
                        "password", Map.of("user", Map.of(
                                "name", credential.user(),
                                "password", credential.password(),
                                "domain", Map.of("name", credential.domain())))),
                "scope", Map.of("project", Map.of("name", credential.region()))));
        // A login changes nothing that matters when repeated (IAM issues another token), so it is
        // retried like a read and its unreadable answers are plain errors, never ambiguous outcomes.
        return ApiRequest.post("/v3/auth/tokens").query("nocatalog", "true").json(body).authenticated(false)
                .idempotent(true).operation("log in to IAM").expect(r -> {
                    String token = r.headers().first("X-Subject-Token").orElse("");
                    if (token.isEmpty()) {
                        throw new ResponseParseException("IAM answered the login with HTTP " + r.status()
                                + " but without an X-Subject-Token header", r.context());
                    }
                    return new Cached(token, expiry(r.json()));
                });
    }

    private Instant expiry(JsonNode body) {
        JsonNode at = body.path("token").path("expires_at");
        if (at.isTextual()) {
            try {
                return Instant.parse(at.asText());
            } catch (DateTimeParseException e) {
                LOG.debug("servicestage: IAM token expiry is not an ISO instant; assuming {}", ASSUMED_LIFETIME);
            }
        }
        return clock.instant().plus(ASSUMED_LIFETIME);
    }
}
