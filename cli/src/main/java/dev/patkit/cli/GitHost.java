package dev.patkit.cli;


/** Git's {@code host} values: a host and, perhaps, a port. Loopback is core's rule, {@link dev.patkit.core.SecureTransport}. */
final class GitHost {

    private GitHost() {}

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

    /**
     * @param hostAndPort git's {@code host} value
     * @return whether its host is a loopback address by core's one rule
     */
    static boolean isLoopback(String hostAndPort) {
        return dev.patkit.core.SecureTransport.isLoopback(withoutPort(hostAndPort));
    }
}
