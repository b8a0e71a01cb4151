package dev.patkit.atomgit;

import dev.patkit.core.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the caller knows about an AtomGit token from creating it in the web UI: its name, the
 * scopes it chose, the expiry date, and optionally whose token it is.
 *
 * <p>AtomGit's API reports none of this, so Patkit uses the record for expiry and scope checks that
 * work offline, and marks those values in an {@link dev.patkit.core.Authorization} as coming from
 * the caller ({@link dev.patkit.core.ValueSource#CALLER}). A record with an owner id also lets a
 * client share the owner's rate-limit budget before its first request. The record holds no secret;
 * pair it with the token through {@link AtomGitCredential} or {@link AtomGitClient#withRecord}.
 *
 * <p>Immutable and thread-safe. Every field is optional: build it with {@link #builder()}, calling
 * only the setters of what is known.
 *
 * @param name the token's name as given in the web UI, if recorded
 * @param scopes the scopes chosen when the token was created; empty when not recorded (an empty set
 *     recorded on purpose is a present, empty set)
 * @param expiresAt the first instant the token no longer works, if recorded
 * @param ownerId the owner's AtomGit user id (24 hex characters), if recorded
 * @param ownerLogin the owner's login, if recorded
 */
public record RecordedToken(Optional<String> name, Optional<Set<String>> scopes, Optional<Instant> expiresAt,
        Optional<String> ownerId, Optional<String> ownerLogin) {

    /**
     * The time zone an expiry date is read in by {@link Builder#expiresOn(LocalDate)}: China
     * Standard Time (UTC+08:00), where AtomGit runs. When in that day a token really stops working
     * is UNVERIFIED; Patkit takes the start of the day, the earliest plausible instant, so expiry
     * checks warn early rather than late.
     */
    public static final ZoneId EXPIRY_ZONE = ZoneOffset.ofHours(8);

    private static final String OPERATION = "record token metadata";

    /**
     * Creates a record; {@link #builder()} checks each value as it is given.
     *
     * @param name the name
     * @param scopes the scopes
     * @param expiresAt the expiry
     * @param ownerId the owner's id
     * @param ownerLogin the owner's login
     */
    public RecordedToken {
        Objects.requireNonNull(name, "name");
        scopes = scopes.map(Set::copyOf);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(ownerLogin, "ownerLogin");
    }

    /**
     * Starts a record.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this record's values, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.scopes = scopes.map(LinkedHashSet::new);
        b.expiresAt = expiresAt;
        b.ownerId = ownerId;
        b.ownerLogin = ownerLogin;
        return b;
    }

    @Override
    public String toString() {
        return "RecordedToken[name=" + name.orElse(null) + ", scopes=" + scopes.map(TreeSet::new).map(String::valueOf)
                .orElse("not recorded") + ", expires=" + expiresAt.map(String::valueOf).orElse("not recorded")
                + ", owner=" + ownerLogin.or(() -> ownerId).orElse(null) + "]";
    }

    /** Builds a {@link RecordedToken}. Not thread-safe. Input is checked as it is given. */
    public static final class Builder {
        private Optional<String> name = Optional.empty();
        private Optional<Set<String>> scopes = Optional.empty();
        private Optional<Instant> expiresAt = Optional.empty();
        private Optional<String> ownerId = Optional.empty();
        private Optional<String> ownerLogin = Optional.empty();

        private Builder() {}

        /**
         * The token's name as given in the web UI.
         *
         * @param name the name
         * @return this builder
         * @throws ValidationException if the name is blank
         */
        public Builder name(String name) {
            this.name = Optional.of(nonBlank(name, "The token name"));
            return this;
        }

        /**
         * The scopes chosen in the web UI, checked against {@link AtomGitScopes#CATALOGUE}.
         *
         * @param scopes the scope names
         * @return this builder
         * @throws ValidationException naming the unknown scopes and listing the valid ones
         */
        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        /**
         * The scopes chosen in the web UI, checked against {@link AtomGitScopes#CATALOGUE}.
         *
         * @param scopes the scope names
         * @return this builder
         * @throws ValidationException naming the unknown scopes and listing the valid ones
         */
        public Builder scopes(Collection<String> scopes) {
            Objects.requireNonNull(scopes, "scopes");
            AtomGitScopes.CATALOGUE.requireKnown(scopes);
            this.scopes = Optional.of(new LinkedHashSet<>(scopes));
            return this;
        }

        /**
         * The scopes chosen in the web UI, without checking them against the catalogue: for scope
         * names the catalogue does not list (AtomGit's current scope vocabulary is UNVERIFIED).
         *
         * @param scopes the scope names; blank names are dropped
         * @return this builder
         */
        public Builder scopesUnchecked(Collection<String> scopes) {
            Objects.requireNonNull(scopes, "scopes");
            Set<String> copy = new LinkedHashSet<>();
            for (String s : scopes) {
                if (s != null && !s.isBlank()) {
                    copy.add(s.trim());
                }
            }
            this.scopes = Optional.of(copy);
            return this;
        }

        /**
         * The expiry date chosen in the web UI, taken as the start of that day in
         * {@link RecordedToken#EXPIRY_ZONE}.
         *
         * @param date the date
         * @return this builder
         */
        public Builder expiresOn(LocalDate date) {
            return expiresOn(date, EXPIRY_ZONE);
        }

        /**
         * The expiry date chosen in the web UI, taken as the start of that day in the given zone.
         *
         * @param date the date
         * @param zone the zone the date is meant in
         * @return this builder
         */
        public Builder expiresOn(LocalDate date, ZoneId zone) {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(zone, "zone");
            this.expiresAt = Optional.of(date.atStartOfDay(zone).toInstant());
            return this;
        }

        /**
         * The first instant the token no longer works, when the caller knows it exactly.
         *
         * @param instant the instant
         * @return this builder
         */
        public Builder expiresAt(Instant instant) {
            this.expiresAt = Optional.of(Objects.requireNonNull(instant, "instant"));
            return this;
        }

        /**
         * The owner's AtomGit user id, as {@code GET /user} reports it (24 hex characters). With it,
         * a client shares the owner's rate-limit budget from its first request.
         *
         * @param id the id
         * @return this builder
         * @throws ValidationException if the id is blank
         */
        public Builder ownerId(String id) {
            this.ownerId = Optional.of(nonBlank(id, "The owner id"));
            return this;
        }

        /**
         * The owner's login, used as the Git over HTTPS user name.
         *
         * @param login the login
         * @return this builder
         * @throws ValidationException if the login is blank
         */
        public Builder ownerLogin(String login) {
            this.ownerLogin = Optional.of(nonBlank(login, "The owner login"));
            return this;
        }

        /** @return the record */
        public RecordedToken build() {
            return new RecordedToken(name, scopes, expiresAt, ownerId, ownerLogin);
        }

        private static String nonBlank(String value, String what) {
            if (Objects.requireNonNull(value, what).isBlank()) {
                throw ValidationException.badInput(AtomGitClientFactory.ID, OPERATION, what + " must not be blank");
            }
            return value.strip();
        }
    }
}
