package dev.patkit.cli;

import java.util.Locale;

/**
 * Whether a host names this machine's loopback interface: an IPv4 literal in {@code 127.0.0.0/8}
 * written as four decimal numbers without leading zeros, {@code [::1]}, or exactly
 * {@code localhost} in any case. Nothing else: not {@code 127.1}, {@code 0x7f.0.0.1},
 * {@code 127.000.000.001}, {@code localhost.} (trailing dot), {@code localhost.example.com},
 * {@code 127.0.0.1.attacker.example} or another spelling of {@code ::1}.
 */
// TODO(core): use the core loopback rule
final class Loopback {

    private Loopback() {}

    /**
     * @param host a host without port; IPv6 literals in brackets
     * @return whether it is a loopback address by the rule above
     */
    static boolean is(String host) {
        if (host.equals("[::1]") || host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }

    /**
     * @param hostAndPort git's {@code host} value, for example {@code 127.0.0.1:8080} or {@code [::1]:8080}
     * @return the host without its port
     */
    static String withoutPort(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort : hostAndPort.substring(0, close + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }
}
