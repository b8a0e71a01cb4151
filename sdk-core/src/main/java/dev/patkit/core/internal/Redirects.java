package dev.patkit.core.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The redirect rules: what to follow, with which method, and whether credentials may go along. */
final class Redirects {

    /** A redirect to follow. */
    record Hop(URI target, String method, boolean keepBody, boolean sameOrigin) {}

    private Redirects() {}

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Decides a redirect.
     *
     * @return the hop, or a refusal reason (never quoting the Location value)
     */
    static Decision decide(int status, Optional<String> location, URI current, URI origin, String method, boolean hasBody,
            boolean mayLeaveOrigin) {
        if (location.isEmpty() || location.get().isBlank()) {
            return Decision.refuse("a " + status + " redirect without a Location header");
        }
        URI target;
        try {
            target = current.resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
            return Decision.refuse("a " + status + " redirect with a malformed Location header");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Decision.refuse("a redirect to a scheme other than http or https");
        }
        if (target.getHost() == null) {
            return Decision.refuse("a redirect to a URI without a host");
        }
        if (target.getRawUserInfo() != null) {
            return Decision.refuse("a redirect to a URI that holds user info");
        }
        if (current.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            return Decision.refuse("a redirect from https to plain http");
        }
        String newMethod = method;
        boolean keepBody = hasBody;
        if (status == 303 && !method.equals("HEAD")) {
            newMethod = "GET";
            keepBody = false;
        } else if ((status == 301 || status == 302) && method.equals("POST")) {
            newMethod = "GET";
            keepBody = false;
        }
        boolean sameOrigin = sameOrigin(target, origin);
        if (!sameOrigin && !mayLeaveOrigin) {
            return Decision.refuse("a redirect to another origin: an answer obtained there, without the credential,"
                    + " cannot describe the credential");
        }
        if (!sameOrigin && !(newMethod.equals("GET") || newMethod.equals("HEAD"))) {
            return Decision.refuse("a " + method + " redirected to another origin (it would carry the request there)");
        }
        if (!sameOrigin && keepBody) {
            return Decision.refuse("a request body redirected to another origin");
        }
        return new Decision(new Hop(target, newMethod, keepBody, sameOrigin), null);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Either a hop or a refusal. */
    record Decision(Hop hop, String refusal) {
        static Decision refuse(String reason) {
            return new Decision(null, reason);
        }
    }
}
