package dev.patkit.servicestage.internal;

import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.OutgoingRequest;
import dev.patkit.core.spi.RequestAuthenticator;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.IamToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The three ways a ServiceStage (or IAM) request is authenticated. */
public final class Authenticators {

    /** The IAM token header. */
    public static final String AUTH_TOKEN = "X-Auth-Token";
    /** The signing date header. */
    public static final String SDK_DATE = "X-Sdk-Date";
    /** The project header, signed. */
    public static final String PROJECT_ID = "X-Project-Id";
    /** The temporary-credential header, signed. */
    public static final String SECURITY_TOKEN = "X-Security-Token";
    /** Header that replaces the body hash in an AK/SK signature ({@code UNSIGNED-PAYLOAD} for non-JSON bodies). */
    public static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";

    private static final Logger LOG = LoggerFactory.getLogger(Authenticators.class);

    private Authenticators() {}

    /**
     * Sends a fixed IAM token.
     *
     * @param credential the token
     * @return the authenticator
     */
    public static RequestAuthenticator token(IamToken credential) {
        String value = credential.token().reveal();
        return new RequestAuthenticator() {
            @Override
            public void authenticate(OutgoingRequest request) {
                request.header(AUTH_TOKEN, value);
            }

            @Override
            public String redact(String text) {
                return text == null ? null : text.replace(value, "***");
            }

            @Override
            public String toString() {
                return "IamTokenAuthenticator[" + credential + "]";
            }
        };
    }

    /**
     * Sends the token of a password login, logging in when needed and once more after a 401.
     *
     * @param login the login
     * @return the authenticator
     */
    public static RequestAuthenticator password(IamLogin login) {
        return new RequestAuthenticator() {
            @Override
            public CompletableFuture<Void> prepare() {
                return login.ensure();
            }

            @Override
            public void authenticate(OutgoingRequest request) {
                String token = login.current();
                if (token == null) {
                    // Only for a caller's own request (the pipeline always prepares first).
                    Futures.join(login.ensure());
                    token = login.current();
                }
                request.header(AUTH_TOKEN, token);
            }

            @Override
            public boolean retryAfterRejection(ApiResponse rejected) {
                if (rejected.status() != 401) {
                    return false;
                }
                LOG.debug("servicestage: the IAM token was rejected (401); logging in again");
                login.invalidate(null);
                return true;
            }

            @Override
            public String redact(String text) {
                return login.redact(text);
            }

            @Override
            public String toString() {
                return "IamPasswordAuthenticator";
            }
        };
    }

    /**
     * Signs with an access key ({@code SDK-HMAC-SHA256}); after a signature-expired rejection,
     * corrects the clock offset from the server's {@code Date} header and asks for one more try.
     *
     * @param key the access key
     * @param clock the clock
     * @param projectId the project id to send and sign as {@code X-Project-Id}, or a supplier of null
     * @return the authenticator
     */
    public static AkSkAuthenticator akSk(AccessKey key, Clock clock, Supplier<String> projectId) {
        return new AkSkAuthenticator(key, clock, projectId);
    }

    /** The AK/SK authenticator; exposes its clock offset for tests. */
    public static final class AkSkAuthenticator implements RequestAuthenticator {
        private final AccessKey key;
        private final AkSkSigner signer;
        private final Clock clock;
        private final Supplier<String> projectId;
        private final AtomicLong offsetMillis = new AtomicLong();
        private volatile CachedDate date = new CachedDate(Long.MIN_VALUE, "");

        private record CachedDate(long second, String text) {}

        AkSkAuthenticator(AccessKey key, Clock clock, Supplier<String> projectId) {
            this.key = key;
            this.signer = new AkSkSigner(key.accessKeyId(), key.revealSecretKey());
            this.clock = clock;
            this.projectId = projectId;
        }

        /** @return the correction added to the clock, learnt from the server */
        public Duration clockOffset() {
            return Duration.ofMillis(offsetMillis.get());
        }

        @Override
        public void authenticate(OutgoingRequest request) {
            if (!request.bodyKnown()) {
                throw new dev.patkit.core.ValidationException("AK/SK signing covers the request body, which Patkit"
                        + " cannot read from a caller's own request; send requests with a body through the"
                        + " ServiceStage client, or authenticate with an IAM token instead",
                        dev.patkit.core.ErrorContext.of("servicestage", "authenticate a request"), java.util.List.of());
            }
            String sdkDate = sdkDate();
            request.header(SDK_DATE, sdkDate);
            String project = projectId.get();
            if (project != null) {
                request.header(PROJECT_ID, project);
            }
            Optional<String> security = key.revealSecurityToken();
            if (security.isPresent()) {
                request.header(SECURITY_TOKEN, security.get());
            }
            String method = request.method();
            if (!method.equals(method.toUpperCase(java.util.Locale.ROOT))) {
                // The JDK sends the method as written, and the gateway checks the signature against that.
                throw new dev.patkit.core.ValidationException("AK/SK signing needs an upper-case HTTP method (got '"
                        + printable(method) + "'), as Huawei Cloud's signer uses",
                        dev.patkit.core.ErrorContext.of("servicestage", "authenticate a request"), java.util.List.of());
            }
            if (!jsonOrNone(request.headers())) {
                // As the official SDK does: a body that is not JSON is sent unsigned.
                request.header(CONTENT_SHA256_HEADER, AkSkSigner.UNSIGNED_PAYLOAD);
            }
            // Sign the Host that is sent: one the request sets itself, else the one the JDK client
            // sends (it leaves out a default port the URI may spell out).
            Map<String, String> signed = new LinkedHashMap<>(request.headers());
            if (signed.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
                signed.put("Host", AkSkSigner.hostHeader(request.uri()));
            }
            request.header("Authorization", signer.authorization(method, request.uri(), signed, request.body(), sdkDate));
        }

        /** Whether the request's Content-Type is absent or JSON ({@code application/json...} or {@code application/bson...}). */
        private static boolean jsonOrNone(Map<String, String> headers) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("Content-Type")) {
                    String v = h.getValue().trim().toLowerCase(java.util.Locale.ROOT);
                    return v.startsWith("application/json") || v.startsWith("application/bson");
                }
            }
            return true;
        }

        private static String printable(String s) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length() && i < 16; i++) {
                char c = s.charAt(i);
                sb.append(c < 0x20 || c > 0x7e ? '?' : c);
            }
            return sb.toString();
        }

        private String sdkDate() {
            long now = clock.millis() + offsetMillis.get();
            long second = Math.floorDiv(now, 1000);
            CachedDate d = date;
            if (d.second != second) {
                d = new CachedDate(second, AkSkSigner.sdkDate(Instant.ofEpochSecond(second)));
                date = d;
            }
            return d.text;
        }

        @Override
        public boolean retryAfterRejection(ApiResponse rejected) {
            ServiceStageErrors.Parsed p = ServiceStageErrors.parse(rejected);
            if (!ServiceStageErrors.GATEWAY_AUTH.equalsIgnoreCase(p.code()) || !ServiceStageErrors.isSignatureExpired(p.message())) {
                return false;
            }
            Optional<Instant> server = rejected.headers().first("Date").flatMap(Authenticators::httpDate)
                    .or(() -> serverTimeInMessage(p.message()));
            if (server.isEmpty()) {
                return false;
            }
            long offset = server.get().toEpochMilli() - clock.millis();
            offsetMillis.set(offset);
            LOG.debug("servicestage: signature expired; correcting the signing clock by {} ms and retrying once", offset);
            return true;
        }

        @Override
        public String redact(String text) {
            if (text == null) {
                return null;
            }
            String out = text.replace(key.revealSecretKey(), "***");
            Optional<String> security = key.revealSecurityToken();
            return security.isPresent() ? out.replace(security.get(), "***") : out;
        }

        @Override
        public String toString() {
            return "AkSkAuthenticator[" + key + "]";
        }
    }

    static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code server time:20211217T065804Z} from a gateway message. */
    static Optional<Instant> serverTimeInMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        int at = message.indexOf("server time:");
        if (at < 0 || at + 12 + 16 > message.length()) {
            return Optional.empty();
        }
        String t = message.substring(at + 12, at + 12 + 16);
        try {
            return Optional.of(Instant.parse(t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 8) + "T"
                    + t.substring(9, 11) + ":" + t.substring(11, 13) + ":" + t.substring(13, 15) + "Z"));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
