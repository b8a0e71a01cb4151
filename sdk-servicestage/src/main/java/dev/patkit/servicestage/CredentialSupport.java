package dev.patkit.servicestage;

import dev.patkit.core.spi.Secrets;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** Checks and fingerprints shared by the credential types. */
final class CredentialSupport {

    private CredentialSupport() {}

    static String fingerprint(String... parts) {
        return Secrets.fingerprint(parts);
    }

    /** Constant-time comparison of two secrets; an absent one (null) equals only another absent one. */
    static boolean same(String a, String b) {
        return a == null || b == null ? a == b : Secrets.same(a, b);
    }

    /** Refuses empty values and characters HTTP headers or JSON would mangle; the message never holds the value. */
    static String requireText(String value, String what, boolean allowSpaces) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("The " + what + " holds a control character at position " + i);
            }
            if (!allowSpaces && (c == ' ' || c == '\t' || c > 0x7e)) {
                throw new IllegalArgumentException("The " + what + " holds white space or a non-ASCII character at position " + i);
            }
        }
        return value;
    }

    static String requireRegion(String region) {
        Objects.requireNonNull(region, "region");
        if (region.isEmpty() || region.length() > 40) {
            throw new IllegalArgumentException("The region must be 1 to 40 characters, for example cn-north-4");
        }
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new IllegalArgumentException("The region '" + region
                        + "' may hold only lower-case letters, digits and '-', for example cn-north-4");
            }
        }
        return region;
    }

    static URI requireEndpoint(URI endpoint, String what) {
        Objects.requireNonNull(endpoint, what);
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!endpoint.isAbsolute() || endpoint.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The " + what + " must be an absolute http(s) URI with a host");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The " + what + " must not hold user info, a query or a fragment");
        }
        return endpoint;
    }
}
