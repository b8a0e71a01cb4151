package dev.patkit.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Filters for listing tokens. Each provider applies the filters its API offers and documents
 * which; {@link #extra()} carries provider-specific query parameters as they are. Immutable.
 */
public final class TokenQuery {

    /** Whether to list active or inactive tokens. */
    public enum State {
        /** Tokens that work. */
        ACTIVE,
        /** Revoked or expired tokens. */
        INACTIVE
    }

    private final String ownerId;
    private final State state;
    private final Boolean revoked;
    private final String search;
    private final Instant createdAfter;
    private final Instant createdBefore;
    private final Instant lastUsedAfter;
    private final Instant lastUsedBefore;
    private final LocalDate expiresAfter;
    private final LocalDate expiresBefore;
    private final String sort;
    private final int pageSize;
    private final Map<String, String> extra;

    private TokenQuery(Builder b) {
        this.ownerId = b.ownerId;
        this.state = b.state;
        this.revoked = b.revoked;
        this.search = b.search;
        this.createdAfter = b.createdAfter;
        this.createdBefore = b.createdBefore;
        this.lastUsedAfter = b.lastUsedAfter;
        this.lastUsedBefore = b.lastUsedBefore;
        this.expiresAfter = b.expiresAfter;
        this.expiresBefore = b.expiresBefore;
        this.sort = b.sort;
        this.pageSize = b.pageSize;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
    }

    /** @return a query with no filters */
    public static TokenQuery all() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the owner's user id filter */
    public Optional<String> ownerId() {
        return Optional.ofNullable(ownerId);
    }

    /** @return the state filter */
    public Optional<State> state() {
        return Optional.ofNullable(state);
    }

    /** @return the revoked filter */
    public Optional<Boolean> revoked() {
        return Optional.ofNullable(revoked);
    }

    /** @return the name search filter */
    public Optional<String> search() {
        return Optional.ofNullable(search);
    }

    /** @return tokens created after this instant */
    public Optional<Instant> createdAfter() {
        return Optional.ofNullable(createdAfter);
    }

    /** @return tokens created before this instant */
    public Optional<Instant> createdBefore() {
        return Optional.ofNullable(createdBefore);
    }

    /** @return tokens last used after this instant */
    public Optional<Instant> lastUsedAfter() {
        return Optional.ofNullable(lastUsedAfter);
    }

    /** @return tokens last used before this instant */
    public Optional<Instant> lastUsedBefore() {
        return Optional.ofNullable(lastUsedBefore);
    }

    /** @return tokens expiring after this date */
    public Optional<LocalDate> expiresAfter() {
        return Optional.ofNullable(expiresAfter);
    }

    /** @return tokens expiring before this date */
    public Optional<LocalDate> expiresBefore() {
        return Optional.ofNullable(expiresBefore);
    }

    /** @return the provider's sort key, for example GitLab's {@code created_desc} */
    public Optional<String> sort() {
        return Optional.ofNullable(sort);
    }

    /** @return records per page requested from the provider (default 100) */
    public int pageSize() {
        return pageSize;
    }

    /** @return provider-specific query parameters */
    public Map<String, String> extra() {
        return extra;
    }

    @Override
    public String toString() {
        return "TokenQuery[owner=" + ownerId + ", state=" + state + ", revoked=" + revoked + ", search=" + search
                + ", sort=" + sort + ", pageSize=" + pageSize + ", extra=" + extra.keySet() + "]";
    }

    /** Builds a {@link TokenQuery}. Not thread-safe. */
    public static final class Builder {
        private String ownerId;
        private State state;
        private Boolean revoked;
        private String search;
        private Instant createdAfter;
        private Instant createdBefore;
        private Instant lastUsedAfter;
        private Instant lastUsedBefore;
        private LocalDate expiresAfter;
        private LocalDate expiresBefore;
        private String sort;
        private int pageSize = 100;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder() {}

        /** @param id the owner's user id @return this builder */
        public Builder ownerId(String id) {
            this.ownerId = id;
            return this;
        }

        /** @param state active or inactive @return this builder */
        public Builder state(State state) {
            this.state = state;
            return this;
        }

        /** @param revoked whether revoked @return this builder */
        public Builder revoked(Boolean revoked) {
            this.revoked = revoked;
            return this;
        }

        /** @param text text the name contains @return this builder */
        public Builder search(String text) {
            this.search = text;
            return this;
        }

        /** @param t lower bound, exclusive @return this builder */
        public Builder createdAfter(Instant t) {
            this.createdAfter = t;
            return this;
        }

        /** @param t upper bound, exclusive @return this builder */
        public Builder createdBefore(Instant t) {
            this.createdBefore = t;
            return this;
        }

        /** @param t lower bound, exclusive @return this builder */
        public Builder lastUsedAfter(Instant t) {
            this.lastUsedAfter = t;
            return this;
        }

        /** @param t upper bound, exclusive @return this builder */
        public Builder lastUsedBefore(Instant t) {
            this.lastUsedBefore = t;
            return this;
        }

        /** @param d lower bound @return this builder */
        public Builder expiresAfter(LocalDate d) {
            this.expiresAfter = d;
            return this;
        }

        /** @param d upper bound @return this builder */
        public Builder expiresBefore(LocalDate d) {
            this.expiresBefore = d;
            return this;
        }

        /** @param key the provider's sort key @return this builder */
        public Builder sort(String key) {
            this.sort = key;
            return this;
        }

        /** @param size records per page, 1 to 100 @return this builder */
        public Builder pageSize(int size) {
            if (size < 1 || size > 100) {
                throw new IllegalArgumentException("pageSize must be between 1 and 100");
            }
            this.pageSize = size;
            return this;
        }

        /** @param name a provider-specific query parameter @param value its value @return this builder */
        public Builder extra(String name, String value) {
            extra.put(name, value);
            return this;
        }

        /** @return the query */
        public TokenQuery build() {
            return new TokenQuery(this);
        }
    }
}
