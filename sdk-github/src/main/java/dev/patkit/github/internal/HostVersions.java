package dev.patkit.github.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The GitHub Enterprise Server version of each host, read once per host and shared by the clients
 * of one {@link dev.patkit.core.Patkit} instance (through {@link dev.patkit.core.spi.ProviderContext#shared}): what a host offers depends on it
 * ({@code POST /credentials/revoke} exists on GHES 3.18 and later only).
 *
 * <p>A lookup that fails is forgotten, so a later call tries again; one that succeeds (with or
 * without a version) is kept. Thread-safe.
 */
public final class HostVersions {

    /**
     * A GHES version, major and minor.
     *
     * @param major the major version, for example 3
     * @param minor the minor version, for example 18
     */
    public record Version(int major, int minor) implements Comparable<Version> {

        /**
         * Reads {@code 3.18.2} (or {@code 3.18}, or {@code enterprise-server@3.18}) as 3.18.
         *
         * @param text the version text
         * @return the version, or empty when the text holds none
         */
        public static Optional<Version> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String t = text.trim();
            int at = t.indexOf('@');
            if (at >= 0) {
                t = t.substring(at + 1);
            }
            String[] parts = t.split("\\.");
            if (parts.length < 2) {
                return Optional.empty();
            }
            try {
                int major = Integer.parseInt(parts[0]);
                int minor = Integer.parseInt(parts[1]);
                return major < 0 || minor < 0 ? Optional.empty() : Optional.of(new Version(major, minor));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    private final ConcurrentMap<String, CompletableFuture<Optional<Version>>> byHost = new ConcurrentHashMap<>();

    /** Creates empty state. */
    public HostVersions() {}

    /**
     * The version of a host, reading it at most once (while no read is in flight or done).
     *
     * @param origin the API origin, such as {@code https://ghe.example.com}
     * @param read reads the version from the host
     * @return the version, or empty when the host did not say
     */
    public CompletableFuture<Optional<Version>> of(String origin, Supplier<CompletableFuture<Optional<Version>>> read) {
        CompletableFuture<Optional<Version>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Version>> existing = byHost.putIfAbsent(origin, mine);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Optional<Version>> started;
        try {
            started = read.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((v, e) -> {
            if (e != null) {
                byHost.remove(origin, mine);
                mine.completeExceptionally(e);
            } else {
                mine.complete(v);
            }
        });
        return mine;
    }

    /**
     * The version already known for a host, without reading it.
     *
     * @param origin the API origin
     * @return the version when it has been read and the host named one
     */
    public Optional<Version> known(String origin) {
        CompletableFuture<Optional<Version>> f = byHost.get(origin);
        return f == null || !f.isDone() || f.isCompletedExceptionally() ? Optional.empty() : f.join();
    }
}
