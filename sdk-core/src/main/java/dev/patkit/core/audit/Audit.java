package dev.patkit.core.audit;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.TokenQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Looks at every token visible through a set of clients and reports what needs attention:
 * tokens that expire soon, inactive tokens, tokens still stored somewhere after they stopped
 * working, tokens broader than their job, tokens whose permissions cannot be known.
 *
 * <p>Sources that can list tokens are listed; the others are inspected (their own token).
 * Stores (for example ServiceStage, whose records are copies of forge tokens) are named with
 * {@link Builder#store}. A source that fails is reported as a {@link Finding.Kind#SOURCE_FAILED}
 * finding and the audit goes on. No provider-specific code: it runs over the SPI only.
 *
 * <pre>{@code
 * AuditReport report = Audit.builder()
 *         .source(gitlab).source(github).store(servicestage)
 *         .expiringWithin(Duration.ofDays(30))
 *         .needs("gitlab", "read_api")
 *         .build().run();
 * }</pre>
 *
 * <p>An {@code Audit} is immutable once built and may be run many times; runs are not concurrent
 * with themselves in any shared state.
 */
public final class Audit {

    private final List<ProviderClient> sources;
    private final Set<ProviderClient> stores;
    private final Duration horizon;
    private final Map<String, Set<String>> needs;
    private final Clock clock;
    private final Consumer<String> progress;

    private Audit(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.stores = Set.copyOf(b.stores);
        this.horizon = b.horizon;
        this.needs = Map.copyOf(b.needs);
        this.clock = b.clock;
        this.progress = b.progress;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the audit.
     *
     * @return the report
     */
    public AuditReport run() {
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        List<Finding> failures = new ArrayList<>();
        for (ProviderClient source : sources) {
            String label = source.providerId() + " " + source.baseUri();
            boolean stored = stores.contains(source);
            progress.accept("auditing " + label);
            try (Stream<Authorization> tokens = tokensOf(source)) {
                tokens.forEach(a -> entries.add(new AuditEntry(a, label, stored, findings(a, stored, now))));
            } catch (PatkitException e) {
                Authorization placeholder = Authorization.builder(source.providerId(), source.baseUri()).build();
                failures.add(new Finding(Finding.Kind.SOURCE_FAILED, placeholder,
                        label + " could not be read: " + e.getMessage()));
            }
        }
        return new AuditReport(now, entries, failures);
    }

    private static Stream<Authorization> tokensOf(ProviderClient source) {
        if (source.capabilities().contains(Capability.LIST)) {
            return source.tokens().list(TokenQuery.all());
        }
        return Stream.of(source.inspect());
    }

    private List<Finding> findings(Authorization a, boolean stored, Instant now) {
        List<Finding> out = new ArrayList<>();
        String who = describe(a);
        boolean inactive = a.status() == AuthorizationStatus.EXPIRED || a.status() == AuthorizationStatus.REVOKED
                || a.status() == AuthorizationStatus.INVALID
                || a.expiresAt().map(e -> !now.isBefore(e)).orElse(false);
        if (stored && inactive) {
            out.add(new Finding(Finding.Kind.STORED_BUT_INACTIVE, a, who + " is still stored but is " + statusText(a, now)
                    + "; replace or delete it"));
        } else if (inactive) {
            out.add(new Finding(Finding.Kind.INACTIVE, a, who + " is " + statusText(a, now)));
        } else if (a.expiresWithin(horizon, Clock.fixed(now, java.time.ZoneOffset.UTC))) {
            Duration left = Duration.between(now, a.expiresAt().orElseThrow());
            out.add(new Finding(Finding.Kind.EXPIRES_SOON, a, who + " expires at " + a.expiresAt().get() + " (in "
                    + left.toDays() + " days)"));
        }
        if (!stored && !inactive) {
            if (!a.scopes().isKnown()) {
                out.add(new Finding(Finding.Kind.PERMISSIONS_UNKNOWN, a, who
                        + " does not report its permissions; check them in the provider's web interface"));
            } else {
                Set<String> needed = needs.get(a.provider());
                if (needed != null) {
                    Set<String> extra = a.scopes().beyond(needed);
                    if (!extra.isEmpty()) {
                        out.add(new Finding(Finding.Kind.BROADER_THAN_NEEDED, a, who + " holds " + extra
                                + " beyond the needed " + needed));
                    }
                    Set<String> missing = a.scopes().missing(needed);
                    if (!missing.isEmpty()) {
                        out.add(new Finding(Finding.Kind.MISSING_NEEDED_SCOPES, a, who + " lacks the needed " + missing));
                    }
                }
            }
        }
        return out;
    }

    private static String statusText(Authorization a, Instant now) {
        if (a.status() == AuthorizationStatus.ACTIVE && a.expiresAt().isPresent() && !now.isBefore(a.expiresAt().get())) {
            return "expired since " + a.expiresAt().get();
        }
        return a.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(Authorization a) {
        return a.provider() + " token " + a.tokenName().map(n -> "'" + n + "'").orElse(a.tokenId().orElse("(unnamed)"))
                + a.owner().map(o -> " of " + o.login().orElse(o.id())).orElse("");
    }

    /** Builds an {@link Audit}. Not thread-safe. */
    public static final class Builder {
        private final List<ProviderClient> sources = new ArrayList<>();
        private final Set<ProviderClient> stores = new LinkedHashSet<>();
        private Duration horizon = Duration.ofDays(30);
        private final Map<String, Set<String>> needs = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private Consumer<String> progress = s -> { };

        private Builder() {}

        /** @param client a client whose tokens to audit @return this builder */
        public Builder source(ProviderClient client) {
            sources.add(Objects.requireNonNull(client, "client"));
            return this;
        }

        /** @param clients clients whose tokens to audit @return this builder */
        public Builder sources(Collection<? extends ProviderClient> clients) {
            clients.forEach(this::source);
            return this;
        }

        /**
         * Adds a store of tokens, such as a ServiceStage client: its records are copies of forge
         * tokens, so an inactive one is a {@link Finding.Kind#STORED_BUT_INACTIVE} finding.
         *
         * @param client the store's client
         * @return this builder
         */
        public Builder store(ProviderClient client) {
            source(client);
            stores.add(client);
            return this;
        }

        /** @param horizon report tokens expiring within this time (default 30 days) @return this builder */
        public Builder expiringWithin(Duration horizon) {
            this.horizon = Objects.requireNonNull(horizon, "horizon");
            return this;
        }

        /**
         * Names the scopes a provider's tokens need for their job, to find tokens broader than that.
         *
         * @param provider the provider id
         * @param scopes the needed scopes
         * @return this builder
         */
        public Builder needs(String provider, String... scopes) {
            needs.computeIfAbsent(provider, k -> new LinkedHashSet<>()).addAll(List.of(scopes));
            return this;
        }

        /** @param clock the clock (default system UTC) @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param progress receives a line per source as the audit proceeds (for a terminal) @return this builder */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** @return the audit */
        public Audit build() {
            return new Audit(this);
        }
    }
}
