package dev.patkit.gitlab;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.rotation.TokenRotator;
import dev.patkit.core.spi.Futures;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The access tokens of one GitLab project or group ({@code /projects/:id/access_tokens} or
 * {@code /groups/:id/access_tokens}). Each token acts as a bot user of that project or group, so
 * its {@link Authorization#owner()} is a {@link dev.patkit.core.Owner.Kind#BOT} and its
 * {@link Authorization#tokenKind()} is {@code project} or {@code group}.
 *
 * <p>Obtained from {@link GitLabClient#projectTokens(String)} or {@link GitLabClient#groupTokens(String)}.
 * Thread-safe. Input is checked before any request; a rotate whose response is lost is never sent
 * again and fails with {@link GitLabRotationOutcomeException}.
 */
public interface GitLabResourceTokens {

    /** @return {@code project} or {@code group} */
    String kind();

    /** @return the project or group id or full path, as given */
    String resourceId();

    /**
     * Lists the tokens lazily, with the same filters as personal tokens ({@link TokenQuery#ownerId()}
     * is not used).
     *
     * @param query the filters
     * @return the tokens, fetched page by page as the stream is consumed
     */
    Stream<Authorization> list(TokenQuery query);

    /**
     * Gets one token. GitLab has no {@code GET .../access_tokens/self}; for {@code self} the client's
     * own token is read with {@code GET /personal_access_tokens/self}, which project and group
     * tokens pass.
     *
     * @param tokenId the numeric token id, or {@code self} for the client's own token
     * @return a future of the record
     */
    CompletableFuture<Authorization> getAsync(String tokenId);

    /**
     * Gets one token.
     *
     * @param tokenId the numeric token id, or {@code self}
     * @return the record
     */
    default Authorization get(String tokenId) {
        return Futures.blocking(() -> getAsync(tokenId));
    }

    /**
     * Creates a token. Needs a personal access token with {@code api} and the Maintainer role
     * (Owner for groups); project and group tokens cannot create tokens.
     *
     * @param spec name, description, scopes and expiry ({@link TokenSpec#ownerId()} is not used)
     * @param accessLevel the bot's role: 10, 15, 20, 30, 40 or 50
     * @return a future of the new token
     */
    CompletableFuture<CreatedToken> createAsync(TokenSpec spec, int accessLevel);

    /**
     * Creates a token.
     *
     * @param spec name, description, scopes and expiry
     * @param accessLevel the bot's role
     * @return the new token
     */
    default CreatedToken create(TokenSpec spec, GitLabAccessLevel accessLevel) {
        return Futures.blocking(() -> createAsync(spec, accessLevel.value()));
    }

    /**
     * Rotates a token: GitLab revokes it and issues a successor with a new id and secret.
     *
     * @param tokenId the numeric token id, or {@code self} for the client's own token
     * @param expiresOn the successor's expiry date, or null for GitLab's default: one week where the
     *     instance requires expiry (its default), no expiry where it does not (GitLab 19.x; older docs
     *     said "maximum lifetime", so pass a date when it matters)
     * @return a future of the successor
     */
    CompletableFuture<CreatedToken> rotateAsync(String tokenId, LocalDate expiresOn);

    /**
     * Rotates a token.
     *
     * @param tokenId the numeric token id, or {@code self}
     * @param expiresOn the successor's expiry date, or null for GitLab's default
     * @return the successor
     */
    default CreatedToken rotate(String tokenId, LocalDate expiresOn) {
        return Futures.blocking(() -> rotateAsync(tokenId, expiresOn));
    }

    /**
     * Revokes a token. GitLab has no {@code self} here: {@code self} is refused before any request
     * ({@link dev.patkit.core.ValidationException}); revoke the client's own token by its id
     * ({@code get("self").tokenId()}).
     *
     * @param tokenId the numeric token id
     * @return a future that completes when the token is revoked
     */
    CompletableFuture<Void> revokeAsync(String tokenId);

    /**
     * Revokes a token.
     *
     * @param tokenId the numeric token id
     */
    default void revoke(String tokenId) {
        Futures.blocking(() -> revokeAsync(tokenId));
    }

    /**
     * A rotator for a {@link dev.patkit.core.rotation.RotationPlan} that rotates one of these
     * project or group tokens.
     *
     * @param tokenId the token's id, or {@code self}
     * @return the rotator
     */
    default TokenRotator rotator(String tokenId) {
        return TokenRotator.probing(tokenId, "gitlab resource access token " + tokenId, this::rotate, this::get);
    }
}
