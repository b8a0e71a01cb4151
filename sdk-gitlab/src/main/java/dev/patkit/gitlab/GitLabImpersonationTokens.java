package dev.patkit.gitlab;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.spi.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The impersonation tokens of one GitLab user ({@code /users/:user_id/impersonation_tokens}):
 * tokens an administrator creates to act as that user. Obtained from
 * {@link GitLabClient#impersonationTokens(String)}, like the other token families
 * ({@link GitLabClient#projectTokens(String)}, {@link GitLabClient#groupServiceAccounts(String)}).
 *
 * <p>Administrators only. GitLab requires an expiry on create. Thread-safe; input is checked before
 * any request.
 */
public interface GitLabImpersonationTokens {

    /** @return the user's numeric id, as given */
    String userId();

    /**
     * Lists the tokens lazily.
     *
     * @param state active or inactive only, or null for all
     * @return the tokens, fetched page by page as the stream is consumed
     */
    Stream<Authorization> list(TokenQuery.State state);

    /**
     * Gets one token.
     *
     * @param tokenId the token's numeric id
     * @return a future of the record
     */
    CompletableFuture<Authorization> getAsync(String tokenId);

    /**
     * Gets one token.
     *
     * @param tokenId the token's numeric id
     * @return the record
     */
    default Authorization get(String tokenId) {
        return Futures.blocking(() -> getAsync(tokenId));
    }

    /**
     * Creates a token. GitLab requires an expiry date here.
     *
     * @param spec name, scopes and expiry ({@link TokenSpec#ownerId()} is not used)
     * @return a future of the new token
     */
    CompletableFuture<CreatedToken> createAsync(TokenSpec spec);

    /**
     * Creates a token.
     *
     * @param spec name, scopes and expiry
     * @return the new token
     */
    default CreatedToken create(TokenSpec spec) {
        return Futures.blocking(() -> createAsync(spec));
    }

    /**
     * Revokes a token.
     *
     * @param tokenId the token's numeric id
     * @return a future that completes when the token is revoked
     */
    CompletableFuture<Void> revokeAsync(String tokenId);

    /**
     * Revokes a token.
     *
     * @param tokenId the token's numeric id
     */
    default void revoke(String tokenId) {
        Futures.blocking(() -> revokeAsync(tokenId));
    }
}
