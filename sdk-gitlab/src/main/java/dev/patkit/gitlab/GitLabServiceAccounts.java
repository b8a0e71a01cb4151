package dev.patkit.gitlab;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.spi.Futures;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The service accounts of a top-level group, or of the instance, and their personal access tokens
 * (GitLab Premium and Ultimate). Obtained from {@link GitLabClient#groupServiceAccounts(String)} or
 * {@link GitLabClient#instanceServiceAccounts()}.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>operation</th><th>group (Owner on GitLab.com)</th><th>instance (administrator; Self-Managed, Dedicated)</th></tr>
 *   <tr><td>{@link #list}</td><td>{@code GET /groups/:id/service_accounts}</td><td>{@code GET /service_accounts}</td></tr>
 *   <tr><td>{@link #create}</td><td>{@code POST /groups/:id/service_accounts}</td><td>{@code POST /service_accounts}</td></tr>
 *   <tr><td>{@link #listTokens}</td><td>{@code GET /groups/:id/service_accounts/:user_id/personal_access_tokens}</td>
 *       <td>{@code GET /personal_access_tokens?user_id=}</td></tr>
 *   <tr><td>{@link #createToken}</td><td>{@code POST /groups/:id/service_accounts/:user_id/personal_access_tokens}</td>
 *       <td>{@code POST /users/:user_id/personal_access_tokens}</td></tr>
 *   <tr><td>{@link #rotateToken}</td><td>{@code POST .../personal_access_tokens/:token_id/rotate}</td>
 *       <td>{@code POST /personal_access_tokens/:id/rotate}</td></tr>
 *   <tr><td>{@link #revokeToken}</td><td>{@code DELETE /groups/:id/service_accounts/:user_id/personal_access_tokens/:token_id}</td>
 *       <td>{@code DELETE /personal_access_tokens/:id}</td></tr>
 * </table>
 *
 * <p>A group Owner who is not an administrator revokes group service-account tokens only through
 * the group path: {@code DELETE /personal_access_tokens/:id} lets non-administrators revoke their
 * own tokens only. Thread-safe; input is checked before any request, and a rotate whose response
 * is lost is never sent again.
 */
public interface GitLabServiceAccounts {

    /** @return {@code group} or {@code instance} */
    String kind();

    /**
     * Lists the service accounts, lazily over all pages.
     *
     * @return the accounts
     */
    Stream<GitLabServiceAccount> list();

    /**
     * Creates a service account. GitLab generates what is left out.
     *
     * @param name the display name, or null
     * @param username the user name, or null
     * @param email the e-mail address, or null
     * @return a future of the new account
     */
    CompletableFuture<GitLabServiceAccount> createAsync(String name, String username, String email);

    /**
     * Creates a service account.
     *
     * @param name the display name, or null
     * @param username the user name, or null
     * @param email the e-mail address, or null
     * @return the new account
     */
    default GitLabServiceAccount create(String name, String username, String email) {
        return Futures.blocking(() -> createAsync(name, username, email));
    }

    /**
     * Lists a service account's tokens lazily, with the filters of personal tokens.
     *
     * @param userId the service account's numeric user id
     * @param query the filters ({@link TokenQuery#ownerId()} is not used)
     * @return the tokens
     */
    Stream<Authorization> listTokens(String userId, TokenQuery query);

    /**
     * Creates a token for a service account. The expiry may be omitted where the group or instance
     * allows service-account tokens without one.
     *
     * @param userId the service account's numeric user id
     * @param spec name, description, scopes and expiry ({@link TokenSpec#ownerId()} is not used)
     * @return a future of the new token
     */
    CompletableFuture<CreatedToken> createTokenAsync(String userId, TokenSpec spec);

    /**
     * Creates a token for a service account.
     *
     * @param userId the service account's numeric user id
     * @param spec name, description, scopes and expiry
     * @return the new token
     */
    default CreatedToken createToken(String userId, TokenSpec spec) {
        return Futures.blocking(() -> createTokenAsync(userId, spec));
    }

    /**
     * Rotates a service account's token. Without an expiry GitLab's default applies (one week where
     * expiry is required, none otherwise).
     *
     * @param userId the service account's numeric user id
     * @param tokenId the token's numeric id
     * @param expiresOn the successor's expiry date, or null for GitLab's default
     * @return a future of the successor
     */
    CompletableFuture<CreatedToken> rotateTokenAsync(String userId, String tokenId, LocalDate expiresOn);

    /**
     * Rotates a service account's token.
     *
     * @param userId the service account's numeric user id
     * @param tokenId the token's numeric id
     * @param expiresOn the successor's expiry date, or null for GitLab's default
     * @return the successor
     */
    default CreatedToken rotateToken(String userId, String tokenId, LocalDate expiresOn) {
        return Futures.blocking(() -> rotateTokenAsync(userId, tokenId, expiresOn));
    }

    /**
     * Revokes a service account's token. Idempotent: a retry that finds it gone (404) succeeds.
     *
     * @param userId the service account's numeric user id
     * @param tokenId the token's numeric id
     * @return a future that completes when the token is revoked
     */
    CompletableFuture<Void> revokeTokenAsync(String userId, String tokenId);

    /**
     * Revokes a service account's token.
     *
     * @param userId the service account's numeric user id
     * @param tokenId the token's numeric id
     */
    default void revokeToken(String userId, String tokenId) {
        Futures.blocking(() -> revokeTokenAsync(userId, tokenId));
    }
}
