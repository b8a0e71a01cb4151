package dev.patkit.core;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one model of a token's standing at a provider: whose it is, what it may do, when it dies.
 *
 * <p>GitLab token records, GitHub's and AtomGit's {@code /user} probes and ServiceStage's stored
 * authorization records all map onto it. For the owner, the scopes and the expiry it records
 * where each value came from ({@link #sourceOf(Field)}). Provider fields that are not modelled are
 * kept in {@link #raw()}; secret-bearing fields ({@code token} and the like) are never kept.
 *
 * <p>Immutable and thread-safe. A value holds no clock: expiry questions take the {@link Clock}
 * that says what now is.
 */
public final class Authorization {

    /** The fields whose origin is recorded. */
    public enum Field {
        /** {@link #owner()}. */
        OWNER,
        /** {@link #scopes()}. */
        SCOPES,
        /** {@link #expiresAt()}. */
        EXPIRY
    }

    private static final Set<String> SECRET_KEYS = Set.of("token", "password", "secret", "private_token",
            "access_token", "refresh_token", "token_value");

    private final String provider;
    private final URI host;
    private final String tokenId;
    private final String tokenName;
    private final Owner owner;
    private final Scopes scopes;
    private final AuthorizationStatus status;
    private final Instant expiresAt;
    private final Instant createdAt;
    private final Instant lastUsedAt;
    private final List<String> lastUsedFrom;
    private final String tokenKind;
    private final java.util.function.Supplier<? extends Map<String, ?>> rawSource;
    private volatile Map<String, Object> raw;
    private final Map<Field, ValueSource> sources;

    private Authorization(Builder b) {
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.host = Objects.requireNonNull(b.host, "host");
        this.tokenId = b.tokenId;
        this.tokenName = b.tokenName;
        this.owner = b.owner;
        this.scopes = b.scopes;
        this.status = b.status;
        this.expiresAt = b.expiresAt;
        this.createdAt = b.createdAt;
        this.lastUsedAt = b.lastUsedAt;
        this.lastUsedFrom = List.copyOf(b.lastUsedFrom);
        this.tokenKind = b.tokenKind;
        this.rawSource = b.rawSource;
        this.raw = b.rawSource == null ? Collections.unmodifiableMap(new LinkedHashMap<>(b.raw)) : null;
        this.sources = Collections.unmodifiableMap(new EnumMap<>(b.sources));
    }

    /**
     * Starts an authorization.
     *
     * @param provider the provider id
     * @param host the provider's API base
     * @return a builder
     */
    public static Builder builder(String provider, URI host) {
        return new Builder(provider, host);
    }

    /**
     * A builder holding this authorization's values, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(provider, host);
        b.tokenId = tokenId;
        b.tokenName = tokenName;
        b.owner = owner;
        b.scopes = scopes;
        b.status = status;
        b.expiresAt = expiresAt;
        b.createdAt = createdAt;
        b.lastUsedAt = lastUsedAt;
        b.lastUsedFrom = new ArrayList<>(lastUsedFrom);
        b.tokenKind = tokenKind;
        Map<String, Object> built = raw;
        if (built == null) {
            // Not read yet: the copy reads the same fields from the same source, when asked.
            b.rawSource = rawSource;
        } else {
            b.raw = new LinkedHashMap<>(built);
        }
        b.sources = new EnumMap<>(Field.class);
        b.sources.putAll(sources);
        return b;
    }

    /** @return the provider id, for example {@code gitlab} */
    public String provider() {
        return provider;
    }

    /** @return the provider's API base the token was checked against */
    public URI host() {
        return host;
    }

    /** @return the provider's id for the token record, if it has one */
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId);
    }

    /** @return the token's name, if known */
    public Optional<String> tokenName() {
        return Optional.ofNullable(tokenName);
    }

    /** @return who the token acts as, if known */
    public Optional<Owner> owner() {
        return Optional.ofNullable(owner);
    }

    /** @return the token's scopes, or {@link Scopes#unknown()} */
    public Scopes scopes() {
        return scopes;
    }

    /** @return the token's standing */
    public AuthorizationStatus status() {
        return status;
    }

    /**
     * @param now the clock that says what now is (the one in {@link PatkitOptions#clock()}, or a test's)
     * @return true when the status is {@link AuthorizationStatus#ACTIVE} and the expiry has not passed
     */
    public boolean isActive(Clock now) {
        return status == AuthorizationStatus.ACTIVE && (expiresAt == null || now.instant().isBefore(expiresAt));
    }

    /** @return the instant from which the token no longer works; empty when it does not expire or it is unknown */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** @return when the token was created, if known */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /** @return when the token was last used, if known */
    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    /** @return the addresses the token was last used from, if the provider reports them */
    public List<String> lastUsedFrom() {
        return lastUsedFrom;
    }

    /** @return the provider's name for the kind of token, for example {@code personal} or {@code GITHUB_CLASSIC_PAT} */
    public Optional<String> tokenKind() {
        return Optional.ofNullable(tokenKind);
    }

    /**
     * The provider's fields, as parsed from JSON; secret-bearing fields are left out. Built on first
     * use when the provider supplied them lazily, so listing tokens does not pay for it.
     *
     * @return the fields
     */
    public Map<String, Object> raw() {
        Map<String, Object> r = raw;
        if (r == null) {
            synchronized (this) {
                r = raw;
                if (r == null) {
                    r = Builder.scrubTop(rawSource.get());
                    raw = r;
                }
            }
        }
        return r;
    }

    /**
     * Where a value came from.
     *
     * @param field the field
     * @return the source, or empty when the field has no value
     */
    public Optional<ValueSource> sourceOf(Field field) {
        return Optional.ofNullable(sources.get(field));
    }

    /**
     * Whether the token expires within the given time from now, per the given clock.
     *
     * @param within the horizon
     * @param now the clock that says what now is
     * @return true if it expires before now plus {@code within}
     */
    public boolean expiresWithin(Duration within, Clock now) {
        return expiresAt != null && expiresAt.isBefore(now.instant().plus(within).plusNanos(1));
    }

    /**
     * Requires scopes, using implications. Scopes that cannot be known pass: the provider will
     * enforce them (check {@link Scopes#isKnown()} to be strict).
     *
     * @param required the scopes needed
     * @return this authorization
     * @throws PermissionException naming the missing scopes
     */
    public Authorization require(String... required) {
        Set<String> missing = scopes.missing(Arrays.asList(required));
        if (!missing.isEmpty()) {
            throw new PermissionException("The " + provider + " token" + (tokenName == null ? "" : " '" + tokenName + "'")
                    + " lacks the scope(s) " + missing + "; it holds " + scopes,
                    ErrorContext.of(provider, "check scopes"), missing);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authorization a
                && provider.equals(a.provider) && host.equals(a.host)
                && Objects.equals(tokenId, a.tokenId) && Objects.equals(tokenName, a.tokenName)
                && Objects.equals(owner, a.owner) && scopes.equals(a.scopes) && status == a.status
                && Objects.equals(expiresAt, a.expiresAt) && Objects.equals(createdAt, a.createdAt)
                && Objects.equals(lastUsedAt, a.lastUsedAt) && lastUsedFrom.equals(a.lastUsedFrom)
                && Objects.equals(tokenKind, a.tokenKind) && raw().equals(a.raw()) && sources.equals(a.sources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, host, tokenId, tokenName, owner, status, expiresAt);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Authorization[").append(provider).append(' ').append(host);
        if (tokenId != null) {
            sb.append(", id=").append(tokenId);
        }
        if (tokenName != null) {
            sb.append(", name=").append(tokenName);
        }
        sb.append(", status=").append(status);
        if (owner != null) {
            sb.append(", owner=").append(owner.login().orElse(owner.id()));
        }
        sb.append(", scopes=").append(scopes);
        sb.append(", expires=").append(expiresAt == null ? "never/unknown" : expiresAt);
        if (tokenKind != null) {
            sb.append(", kind=").append(tokenKind);
        }
        return sb.append(']').toString();
    }

    /** Builds an {@link Authorization}. Not thread-safe. */
    public static final class Builder {
        private final String provider;
        private final URI host;
        private String tokenId;
        private String tokenName;
        private Owner owner;
        private Scopes scopes = Scopes.unknown();
        private AuthorizationStatus status = AuthorizationStatus.UNKNOWN;
        private Instant expiresAt;
        private Instant createdAt;
        private Instant lastUsedAt;
        private List<String> lastUsedFrom = new ArrayList<>();
        private String tokenKind;
        private Map<String, Object> raw = Map.of();
        private java.util.function.Supplier<? extends Map<String, ?>> rawSource;
        private Map<Field, ValueSource> sources = new EnumMap<>(Field.class);

        private Builder(String provider, URI host) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.host = Objects.requireNonNull(host, "host");
        }

        /** @param id the token record's id @return this builder */
        public Builder tokenId(String id) {
            this.tokenId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** @param id the token record's id, when known (empty clears it) @return this builder */
        public Builder tokenId(Optional<String> id) {
            this.tokenId = id.orElse(null);
            return this;
        }

        /** @param name the token's name @return this builder */
        public Builder tokenName(String name) {
            this.tokenName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param name the token's name, when known (empty clears it) @return this builder */
        public Builder tokenName(Optional<String> name) {
            this.tokenName = name.orElse(null);
            return this;
        }

        /** @param owner the owner @param source where it came from @return this builder */
        public Builder owner(Owner owner, ValueSource source) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return source(Field.OWNER, Objects.requireNonNull(source, "source"));
        }

        /** @param owner the owner, when known (empty clears it) @param source where it came from @return this builder */
        public Builder owner(Optional<Owner> owner, ValueSource source) {
            this.owner = owner.orElse(null);
            return source(Field.OWNER, owner.isPresent() ? Objects.requireNonNull(source, "source") : null);
        }

        /** @param scopes the scopes @param source where they came from @return this builder */
        public Builder scopes(Scopes scopes, ValueSource source) {
            this.scopes = Objects.requireNonNull(scopes, "scopes");
            return source(Field.SCOPES, scopes.isKnown() ? source : null);
        }

        /** @param status the standing @return this builder */
        public Builder status(AuthorizationStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** @param expiresAt the first instant the token no longer works @param source where it came from @return this builder */
        public Builder expiresAt(Instant expiresAt, ValueSource source) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return source(Field.EXPIRY, Objects.requireNonNull(source, "source"));
        }

        /**
         * @param expiresAt the first instant the token no longer works, when known (empty clears it)
         * @param source where it came from
         * @return this builder
         */
        public Builder expiresAt(Optional<Instant> expiresAt, ValueSource source) {
            this.expiresAt = expiresAt.orElse(null);
            return source(Field.EXPIRY, expiresAt.isPresent() ? Objects.requireNonNull(source, "source") : null);
        }

        /** @param createdAt when the token was created @return this builder */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /** @param createdAt when the token was created, when known (empty clears it) @return this builder */
        public Builder createdAt(Optional<Instant> createdAt) {
            this.createdAt = createdAt.orElse(null);
            return this;
        }

        /** @param lastUsedAt when the token was last used @return this builder */
        public Builder lastUsedAt(Instant lastUsedAt) {
            this.lastUsedAt = Objects.requireNonNull(lastUsedAt, "lastUsedAt");
            return this;
        }

        /** @param lastUsedAt when the token was last used, when known (empty clears it) @return this builder */
        public Builder lastUsedAt(Optional<Instant> lastUsedAt) {
            this.lastUsedAt = lastUsedAt.orElse(null);
            return this;
        }

        /** @param addresses where the token was last used from @return this builder */
        public Builder lastUsedFrom(List<String> addresses) {
            this.lastUsedFrom = new ArrayList<>(addresses);
            return this;
        }

        /** @param kind the provider's name for the kind of token @return this builder */
        public Builder tokenKind(String kind) {
            this.tokenKind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Keeps the provider's fields; keys that name secrets are dropped, at any depth.
         *
         * @param fields the fields, as parsed from JSON into maps, lists and scalars
         * @return this builder
         */
        public Builder raw(Map<String, ?> fields) {
            this.raw = scrubTop(fields);
            this.rawSource = null;
            return this;
        }

        /**
         * Keeps the provider's fields, built only if {@link Authorization#raw()} is called (then
         * once); keys that name secrets are dropped, at any depth.
         *
         * @param fields supplies the fields, as parsed from JSON into maps, lists and scalars
         * @return this builder
         */
        public Builder raw(java.util.function.Supplier<? extends Map<String, ?>> fields) {
            this.rawSource = Objects.requireNonNull(fields, "fields");
            return this;
        }

        static Map<String, Object> scrubTop(Map<String, ?> fields) {
            Map<String, Object> out = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (!isSecretKey(k)) {
                    out.put(k, scrub(v));
                }
            });
            return Collections.unmodifiableMap(out);
        }


        private Builder source(Field field, ValueSource source) {
            if (source == null) {
                sources.remove(field);
            } else {
                sources.put(field, source);
            }
            return this;
        }

        /** @return the authorization */
        public Authorization build() {
            return new Authorization(this);
        }

        private static boolean isSecretKey(String key) {
            return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT));
        }

        private static Object scrub(Object value) {
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (!isSecretKey(String.valueOf(k))) {
                        out.put(String.valueOf(k), scrub(v));
                    }
                });
                return Collections.unmodifiableMap(out);
            }
            if (value instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(scrub(v)));
                return Collections.unmodifiableList(out);
            }
            return value;
        }
    }
}
