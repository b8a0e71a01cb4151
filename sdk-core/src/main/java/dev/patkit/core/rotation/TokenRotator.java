package dev.patkit.core.rotation;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ProviderClient;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Rotates one token at its forge: a personal token through {@link ProviderClient#rotate}, or a
 * provider's own kind (GitLab project and group tokens) through that provider's typed client.
 */
public interface TokenRotator {

    /** @return the id of the token being rotated */
    String tokenId();

    /** @return a short description for reports, for example {@code gitlab token 42 at https://gitlab.com/api/v4} */
    String describe();

    /**
     * Rotates the token once. Never re-sent by the plan when its outcome is unknown.
     *
     * @param expiresOn the successor's expiry date, or null for the provider's default
     * @return the successor
     */
    CreatedToken rotate(LocalDate expiresOn);

    /**
     * Whether the old token is still active, to decide if a failed rotate may be tried again. The
     * default does not know; a rotator that can probe safely (with a GET) should say.
     *
     * @return true if still active, false if revoked, empty when unknown
     */
    default Optional<Boolean> oldTokenActive() {
        return Optional.empty();
    }

    /**
     * A rotator for a token a {@link ProviderClient} can rotate by id.
     *
     * @param client the forge's client
     * @param tokenId the token's id, or an alias such as GitLab's {@code self}
     * @return the rotator
     */
    static TokenRotator of(ProviderClient client, String tokenId) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tokenId, "tokenId");
        return new TokenRotator() {
            @Override
            public String tokenId() {
                return tokenId;
            }

            @Override
            public String describe() {
                return client.providerId() + " token " + tokenId + " at " + client.baseUri();
            }

            @Override
            public CreatedToken rotate(LocalDate expiresOn) {
                return client.rotate(tokenId, expiresOn);
            }
        };
    }

    /**
     * A rotator that can say whether the old token is still active by reading its record with a
     * plain GET (safe where the forge watches only its rotate endpoints for reuse, as GitLab does).
     * A 401 on that read counts as "no longer active".
     *
     * @param tokenId the token's id, or an alias such as GitLab's {@code self}
     * @param description a short description for reports
     * @param rotate rotates a token by id to a successor with the given expiry (null: the forge's default)
     * @param get reads a token's record by id
     * @return the rotator
     */
    static TokenRotator probing(String tokenId, String description, BiFunction<String, LocalDate, CreatedToken> rotate,
            Function<String, Authorization> get) {
        return new ProbingRotator(tokenId, description, rotate, get);
    }
}
