package dev.patkit.core;

import java.net.URI;
import java.util.Locale;

/**
 * The one rule for where a secret may travel: over https, or over plain http only to a loopback
 * address, or anywhere the caller explicitly allowed with {@link PatkitOptions#allowInsecureHttp()}.
 * The HTTP pipeline applies it to every request it sends, authenticated or not; the command line's
 * Git credential helper and the integrations apply it to the hosts they hand tokens to.
 *
 * <p>Loopback means an <em>address</em>, never a name that merely starts like one:
 * <ul>
 *   <li>an IPv4 literal in {@code 127.0.0.0/8}, written as four decimal parts without leading zeros
 *       ({@code 127.0.0.1}, {@code 127.10.20.30});</li>
 *   <li>the IPv6 loopback literal {@code ::1} in any spelling ({@code [::1]},
 *       {@code [0:0:0:0:0:0:0:1]}), with or without brackets, without a zone;</li>
 *   <li>the exact name {@code localhost}, in any letter case.</li>
 * </ul>
 * Deliberately <em>not</em> loopback: {@code 127.0.0.1.attacker.example}, {@code localhost.example},
 * {@code localhost.} (a trailing dot makes it a DNS name), the short and hexadecimal or octal forms
 * some resolvers accept ({@code 127.1}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}, {@code 2130706433}),
 * IPv4-mapped IPv6 ({@code ::ffff:127.0.0.1}), {@code 0.0.0.0}, and anything with user info. Such
 * spellings are how attackers make a remote name look local; a caller who really means them can
 * write the canonical form.
 *
 * <p>Stateless and thread-safe.
 */
public final class SecureTransport {

    private SecureTransport() {}

    /**
     * Whether a host is a loopback address by the rule above.
     *
     * @param host a host as {@link URI#getHost()} gives it (IPv6 in brackets) or as a user wrote it;
     *     null gives false
     * @return true only for a loopback address or the exact name {@code localhost}
     */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return isIpv6Loopback(host.substring(1, host.length() - 1));
        }
        return host.indexOf(':') >= 0 ? isIpv6Loopback(host) : isIpv4Loopback(host);
    }

    /**
     * Whether a request to this URI may carry a secret (a token, a password, a signature).
     *
     * @param uri the target; an http(s) URI with a host and without user info
     * @param allowInsecureHttp the caller's explicit opt-in to plain http off loopback
     * @return true for https, and for http to a loopback address or with the opt-in
     */
    public static boolean maySendSecrets(URI uri, boolean allowInsecureHttp) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        return scheme.equals("http") && (allowInsecureHttp || isLoopback(uri.getHost()));
    }

    /**
     * Refuses a URI that holds user info ({@code https://user:password@host/}): Patkit never sends
     * or prints credentials in a URL. The message does not repeat the URI.
     *
     * @param uri the URI a caller handed over
     * @param what what the URI is, for the message (for example {@code "the API base"})
     * @return the URI
     * @throws IllegalArgumentException if it holds user info
     */
    public static URI requireNoUserInfo(URI uri, String what) {
        if (uri != null && uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not hold user info (user:password@): Patkit never puts"
                    + " credentials in a URL. Give the URL without it and pass the secret as a Token or credential.");
        }
        return uri;
    }

    private static boolean isIpv4Loopback(String host) {
        // Four dotted decimal parts, the first 127, each 0-255 without a leading zero; no split, no
        // allocation: it runs for every call to a loopback API.
        int parts = 0;
        int start = 0;
        while (start <= host.length()) {
            int end = host.indexOf('.', start);
            if (end < 0) {
                end = host.length();
            }
            int len = end - start;
            if (++parts > 4 || len == 0 || len > 3 || (len > 1 && host.charAt(start) == '0')) {
                return false;
            }
            int value = 0;
            for (int i = start; i < end; i++) {
                char c = host.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255 || (parts == 1 && value != 127)) {
                return false;
            }
            start = end + 1;
        }
        return parts == 4;
    }

    /** Whether an IPv6 literal (no brackets, no zone) is {@code ::1}: seven zero groups, then one. */
    private static boolean isIpv6Loopback(String literal) {
        if (literal.isEmpty() || literal.indexOf('%') >= 0 || literal.indexOf('.') >= 0) {
            return false;
        }
        int doubleColon = literal.indexOf("::");
        if (doubleColon != literal.lastIndexOf("::") && doubleColon >= 0) {
            return false;
        }
        String[] groups;
        if (doubleColon >= 0) {
            String head = literal.substring(0, doubleColon);
            String tail = literal.substring(doubleColon + 2);
            String[] h = head.isEmpty() ? new String[0] : head.split(":", -1);
            String[] t = tail.isEmpty() ? new String[0] : tail.split(":", -1);
            if (h.length + t.length > 7) {
                return false;
            }
            groups = new String[8];
            java.util.Arrays.fill(groups, "0");
            System.arraycopy(h, 0, groups, 0, h.length);
            System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        } else {
            groups = literal.split(":", -1);
            if (groups.length != 8) {
                return false;
            }
        }
        for (int i = 0; i < 8; i++) {
            long value = hexGroup(groups[i]);
            if (value < 0 || value != (i == 7 ? 1 : 0)) {
                return false;
            }
        }
        return true;
    }

    private static long hexGroup(String group) {
        if (group.isEmpty() || group.length() > 4) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            // ASCII only: Character.digit would also take other scripts' digits.
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
