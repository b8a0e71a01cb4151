package dev.patkit.github;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters for listing an organisation's fine-grained token grants or requests. Immutable; build
 * with {@link #builder()}, calling only the setters of the filters wanted. {@link #all()} has no
 * filters.
 *
 * @param owners the owners' logins ({@code owner[]}), at most {@value #MAX_OWNERS}
 * @param repository a repository name ({@code repository})
 * @param permission a permission, for example {@code contents} ({@code permission})
 * @param lastUsedBefore only tokens last used before this instant ({@code last_used_before})
 * @param lastUsedAfter only tokens last used after this instant ({@code last_used_after})
 * @param tokenIds token ids ({@code token_id[]})
 * @param ascending sort by creation time ascending when true, descending (GitHub's default) when false
 * @param perPage the page size, 1 to 100 (default 100)
 */
public record GrantQuery(List<String> owners, Optional<String> repository, Optional<String> permission,
        Optional<Instant> lastUsedBefore, Optional<Instant> lastUsedAfter, List<Long> tokenIds, boolean ascending,
        int perPage) {

    /**
     * The most owners one query may name: GitHub's OpenAPI gives the {@code owner} parameter
     * {@code "maxItems": 10}.
     */
    public static final int MAX_OWNERS = 10;

    /**
     * Creates a query.
     *
     * @param owners the owners' logins
     * @param repository a repository name
     * @param permission a permission
     * @param lastUsedBefore last used before
     * @param lastUsedAfter last used after
     * @param tokenIds token ids
     * @param ascending ascending order
     * @param perPage page size, 1 to 100
     * @throws dev.patkit.core.ValidationException for more than {@value #MAX_OWNERS} owners
     */
    public GrantQuery {
        owners = List.copyOf(owners);
        if (owners.size() > MAX_OWNERS) {
            throw dev.patkit.core.ValidationException.badInput("github", "filter fine-grained token grants",
                    "GitHub takes at most " + MAX_OWNERS + " owners per query, not " + owners.size()
                            + "; split the owners over several queries");
        }
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(lastUsedBefore, "lastUsedBefore");
        Objects.requireNonNull(lastUsedAfter, "lastUsedAfter");
        tokenIds = List.copyOf(tokenIds);
        if (perPage < 1 || perPage > 100) {
            throw new IllegalArgumentException("perPage must be between 1 and 100");
        }
    }

    /** @return a query without filters */
    public static GrantQuery all() {
        return builder().build();
    }

    /** @return a builder with no filters, descending order and 100 items a page */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GrantQuery}. Not thread-safe. */
    public static final class Builder {
        private final List<String> owners = new ArrayList<>();
        private String repository;
        private String permission;
        private Instant lastUsedBefore;
        private Instant lastUsedAfter;
        private final List<Long> tokenIds = new ArrayList<>();
        private boolean ascending;
        private int perPage = 100;

        private Builder() {}

        /** @param login an owner's login to include @return this builder */
        public Builder owner(String login) {
            owners.add(Objects.requireNonNull(login, "login"));
            return this;
        }

        /** @param name a repository name @return this builder */
        public Builder repository(String name) {
            this.repository = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param name a permission, for example {@code contents} @return this builder */
        public Builder permission(String name) {
            this.permission = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param instant only tokens last used before it @return this builder */
        public Builder lastUsedBefore(Instant instant) {
            this.lastUsedBefore = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** @param instant only tokens last used after it @return this builder */
        public Builder lastUsedAfter(Instant instant) {
            this.lastUsedAfter = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** @param id a token id to include @return this builder */
        public Builder tokenId(long id) {
            tokenIds.add(id);
            return this;
        }

        /** @param ascending oldest first when true (default false) @return this builder */
        public Builder ascending(boolean ascending) {
            this.ascending = ascending;
            return this;
        }

        /** @param size the page size, 1 to 100 (default 100) @return this builder */
        public Builder perPage(int size) {
            this.perPage = size;
            return this;
        }

        /** @return the query */
        public GrantQuery build() {
            return new GrantQuery(owners, Optional.ofNullable(repository), Optional.ofNullable(permission),
                    Optional.ofNullable(lastUsedBefore), Optional.ofNullable(lastUsedAfter), tokenIds, ascending,
                    perPage);
        }
    }
}
