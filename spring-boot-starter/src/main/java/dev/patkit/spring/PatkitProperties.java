package dev.patkit.spring;

import dev.patkit.core.RateLimitPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code patkit.*} properties: one entry under {@code patkit.providers} per provider, the
 * options of {@link dev.patkit.core.PatkitOptions}, and the health check's settings.
 *
 * <pre>
 * patkit.providers.gitlab.token-env=GITLAB_TOKEN
 * patkit.providers.gitlab.base-url=https://gitlab.example.com/api/v4
 * patkit.providers.gitlab.required-scopes=api
 * patkit.health.expiry-warning=14d
 * </pre>
 *
 * <p>Options left unset keep Patkit's own defaults. Mutable, as Spring binds it; not thread-safe.
 */
@ConfigurationProperties("patkit")
public class PatkitProperties {

    /** Providers by id (github, gitlab, atomgit): each becomes a ProviderClient bean qualified by its id. */
    private Map<String, Provider> providers = new LinkedHashMap<>();

    /** TCP and TLS connect timeout of the HTTP client Patkit creates. Default: Patkit's, 10 seconds. */
    private Duration connectTimeout;

    /** Time one attempt may take until the response headers arrive. Default: Patkit's, 30 seconds. */
    private Duration attemptTimeout;

    /** Overall deadline of one call: every attempt, wait and the body. Default: Patkit's, 60 seconds. */
    private Duration callTimeout;

    /** What a call does when the rate-limit budget is exhausted. Default: Patkit's, wait-within-deadline. */
    private RateLimitPolicy rateLimitPolicy;

    /** The User-Agent header. Default: Patkit's, "Patkit/version (Java version)". */
    private String userAgent;

    /** The most redirects one call follows. Default: Patkit's, 5. */
    private Integer maxRedirects;

    /** The largest response body accepted, in bytes. Default: Patkit's, 4 MiB. */
    private Integer maxResponseBytes;

    /** Whether tokens may travel over plain http to hosts that are not loopback. Default: false. */
    private boolean allowInsecureHttp;

    /** How idempotent calls are retried. */
    private final Retry retry = new Retry();

    /** The token health indicator. */
    private final Health health = new Health();

    /** @return the providers by id */
    public Map<String, Provider> getProviders() {
        return providers;
    }

    /** @param providers the providers by id */
    public void setProviders(Map<String, Provider> providers) {
        this.providers = providers;
    }

    /** @return the connect timeout, or null for Patkit's default */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** @param connectTimeout the connect timeout */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** @return the attempt timeout, or null for Patkit's default */
    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    /** @param attemptTimeout the attempt timeout */
    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }

    /** @return the call timeout, or null for Patkit's default */
    public Duration getCallTimeout() {
        return callTimeout;
    }

    /** @param callTimeout the call timeout */
    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** @return the rate-limit policy, or null for Patkit's default */
    public RateLimitPolicy getRateLimitPolicy() {
        return rateLimitPolicy;
    }

    /** @param rateLimitPolicy the rate-limit policy */
    public void setRateLimitPolicy(RateLimitPolicy rateLimitPolicy) {
        this.rateLimitPolicy = rateLimitPolicy;
    }

    /** @return the User-Agent, or null for Patkit's default */
    public String getUserAgent() {
        return userAgent;
    }

    /** @param userAgent the User-Agent */
    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    /** @return the redirect limit, or null for Patkit's default */
    public Integer getMaxRedirects() {
        return maxRedirects;
    }

    /** @param maxRedirects the redirect limit */
    public void setMaxRedirects(Integer maxRedirects) {
        this.maxRedirects = maxRedirects;
    }

    /** @return the body limit in bytes, or null for Patkit's default */
    public Integer getMaxResponseBytes() {
        return maxResponseBytes;
    }

    /** @param maxResponseBytes the body limit in bytes */
    public void setMaxResponseBytes(Integer maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    /** @return whether plain http to hosts that are not loopback is allowed */
    public boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    /** @param allowInsecureHttp whether plain http to hosts that are not loopback is allowed */
    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    /** @return the retry settings */
    public Retry getRetry() {
        return retry;
    }

    /** @return the health settings */
    public Health getHealth() {
        return health;
    }

    /** One provider: where its token comes from, its API base and the scopes the application needs. */
    public static class Provider {

        /** The token itself. Prefer token-env or token-file, which keep it out of configuration files. */
        private String token;

        /** A file that holds the token (one trailing line break is ignored). */
        private Path tokenFile;

        /** The environment variable that holds the token. */
        private String tokenEnv;

        /** The API base, for example https://gitlab.example.com/api/v4. Default: the provider's own. */
        private String baseUrl;

        /** Scopes the token must hold; the health indicator is DOWN without them. */
        private List<String> requiredScopes = new ArrayList<>();

        /** @return the token text, or null */
        public String getToken() {
            return token;
        }

        /** @param token the token text */
        public void setToken(String token) {
            this.token = token;
        }

        /** @return the token file, or null */
        public Path getTokenFile() {
            return tokenFile;
        }

        /** @param tokenFile the token file */
        public void setTokenFile(Path tokenFile) {
            this.tokenFile = tokenFile;
        }

        /** @return the environment variable's name, or null */
        public String getTokenEnv() {
            return tokenEnv;
        }

        /** @param tokenEnv the environment variable's name */
        public void setTokenEnv(String tokenEnv) {
            this.tokenEnv = tokenEnv;
        }

        /** @return the API base, or null for the provider's default */
        public String getBaseUrl() {
            return baseUrl;
        }

        /** @param baseUrl the API base */
        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** @return the required scopes */
        public List<String> getRequiredScopes() {
            return requiredScopes;
        }

        /** @param requiredScopes the required scopes */
        public void setRequiredScopes(List<String> requiredScopes) {
            this.requiredScopes = requiredScopes;
        }
    }

    /** Retry settings; see {@link dev.patkit.core.RetryPolicy}. */
    public static class Retry {

        /** Attempts in all, including the first. Default: Patkit's, 3. */
        private Integer maxAttempts;

        /** The first backoff ceiling. Default: Patkit's, 100 ms. */
        private Duration baseDelay;

        /** The largest backoff ceiling. Default: Patkit's, 20 seconds. */
        private Duration maxDelay;

        /** @return the attempts, or null for Patkit's default */
        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        /** @param maxAttempts the attempts */
        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** @return the base delay, or null for Patkit's default */
        public Duration getBaseDelay() {
            return baseDelay;
        }

        /** @param baseDelay the base delay */
        public void setBaseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
        }

        /** @return the largest delay, or null for Patkit's default */
        public Duration getMaxDelay() {
            return maxDelay;
        }

        /** @param maxDelay the largest delay */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /** Settings of the {@code patkit} health indicator and the expiry gauge. */
    public static class Health {

        /** A token that expires within this time is reported with the expiry-warning status. */
        private Duration expiryWarning = Duration.ofDays(14);

        /** The status of a token that expires soon: UP (with a warning detail), OUT_OF_SERVICE or another status code. */
        private String expiryWarningStatus = "UP";

        /** How long one inspection of a token is reused by the health indicator and the expiry gauge. */
        private Duration cacheTtl = Duration.ofMinutes(1);

        /** @return the warning horizon */
        public Duration getExpiryWarning() {
            return expiryWarning;
        }

        /** @param expiryWarning the warning horizon */
        public void setExpiryWarning(Duration expiryWarning) {
            this.expiryWarning = expiryWarning;
        }

        /** @return the status code of a soon-expiring token */
        public String getExpiryWarningStatus() {
            return expiryWarningStatus;
        }

        /** @param expiryWarningStatus the status code of a soon-expiring token */
        public void setExpiryWarningStatus(String expiryWarningStatus) {
            this.expiryWarningStatus = expiryWarningStatus;
        }

        /** @return how long an inspection is reused */
        public Duration getCacheTtl() {
            return cacheTtl;
        }

        /** @param cacheTtl how long an inspection is reused */
        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }
    }
}
