package dev.patkit.core.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.SecureTransport;
import dev.patkit.core.spi.ApiRequest;
import java.net.URI;
import java.util.Locale;

/**
 * The one place the pipeline decides where a request may go: the scheme, no user info, https or a
 * loopback address or the caller's opt-in ({@link SecureTransport}), and whether a redirect may take
 * a request to another origin. Every request and every redirect hop passes through it. Stateless.
 */
final class TransportPolicy {

    private TransportPolicy() {}

    /**
     * The transport rule, applied to every request and every redirect hop, whether or not it is
     * authenticated: a request may carry a secret in a header, a signature or its body (a revoke
     * batch, a password login), and the pipeline cannot see every one of them. See {@link SecureTransport}.
     */
    static void check(URI uri, String provider, boolean allowInsecureHttp, ErrorContext ctx) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InsecureTransportException(provider + ": only http and https are supported", ctx);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InsecureTransportException(provider + ": refusing a URI that holds user info"
                    + " (user:password@); Patkit never puts credentials in a URL", ctx);
        }
        if (!SecureTransport.maySendSecrets(uri, allowInsecureHttp)) {
            throw new InsecureTransportException(provider + ": refusing to send a request over plain http to "
                    + origin(uri) + ", which is not a loopback address (the request carries credentials or secrets)."
                    + " Use https, or allow it with PatkitOptions.allowInsecureHttp(true).", ctx);
        }
    }

    /**
     * The check of a call before its first attempt: its URI is on the client's own origin, and
     * passes {@link #check}.
     */
    static void checkCall(URI uri, URI base, String provider, String operation, boolean allowInsecureHttp,
            ErrorContext ctx) {
        if (!Redirects.sameOrigin(uri, base)) {
            throw new InsecureTransportException(provider + ": '" + operation
                    + "' would go to another origin than the client's API base", ctx);
        }
        check(uri, provider, allowInsecureHttp, ctx);
    }

    /** @return scheme, host and port of a URI, for budget keys and messages */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    /** A URI for logs and messages: scheme, host, port and path; never the query. */
    static String loggable(URI uri) {
        return origin(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?…");
    }

    /**
     * Whether a redirect may take this request to another origin: only a plain GET or HEAD that
     * carries no credential and no secret. Any other answer from another origin was obtained
     * without the credential, so it cannot describe the credential (an inspection redirected
     * elsewhere would report a stranger's standing as the token's own).
     */
    static boolean mayLeaveOrigin(ApiRequest<?> request) {
        return !request.authenticated() && request.carried().isEmpty()
                && (request.method().equals("GET") || request.method().equals("HEAD"));
    }
}
