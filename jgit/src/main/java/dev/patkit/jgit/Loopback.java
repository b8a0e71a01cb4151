package dev.patkit.jgit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a host is loopback by its text alone: no name is ever looked up. */
final class Loopback {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+");

    private Loopback() {}

    /**
     * @param host a host as a URI gives it
     * @return true for an IPv4 literal in 127.0.0.0/8, the IPv6 loopback {@code ::1} (bracketed or
     *     not, in any spelling) and exactly {@code localhost}; false for every other name, including
     *     names that only begin like one ({@code 127.0.0.1.example.com}, {@code localhost.evil})
     */
    static boolean is(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        var v4 = IPV4.matcher(h);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return v4.group(1).equals("127");
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') < 0 || !IPV6.matcher(h).matches()) {
            return false;
        }
        try {
            // A literal of hex digits and colons: parsed, never looked up.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
