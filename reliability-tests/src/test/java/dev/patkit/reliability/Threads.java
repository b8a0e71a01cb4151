package dev.patkit.reliability;

import java.util.Set;

/** Live-thread counts by name, for the "thread count stays flat" promises. */
final class Threads {

    private Threads() {}

    /** @return the live threads of HTTP clients: the JDK's ({@code HttpClient-*}) and Patkit's workers ({@code patkit-http-*}) */
    static int httpClient() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("HttpClient-") || t.getName().startsWith("patkit-http-"))).count();
    }

    /** @param prefixes name parts of threads not to count (the in-process test servers') @return the rest */
    static int excluding(Set<String> prefixes) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> prefixes.stream().noneMatch(p -> t.getName().contains(p)))
                .count();
    }

    /** @param prefix the start of a thread name @return the live threads whose name starts with it */
    static int named(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
