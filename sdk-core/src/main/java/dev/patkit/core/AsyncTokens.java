package dev.patkit.core;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link Tokens} family: the same operations, each returning a future
 * that fails with the exception the blocking call would throw. Listing stays on the blocking view,
 * whose stream fetches pages lazily.
 */
public interface AsyncTokens {

    /** @return what this family supports */
    Set<Capability> capabilities();

    /**
     * @param tokenId the token's id
     * @return a future of the token's authorization
     */
    CompletableFuture<Authorization> get(String tokenId);

    /**
     * @param spec name, scopes, expiry
     * @return a future of the new token
     */
    CompletableFuture<CreatedToken> create(TokenSpec spec);

    /**
     * @param tokenId the token to rotate
     * @param expiresOn the new token's expiry date
     * @return a future of the new token
     */
    CompletableFuture<CreatedToken> rotate(String tokenId, LocalDate expiresOn);

    /**
     * @param tokenId the token to rotate, with the expiry the forge chooses
     * @return a future of the new token
     */
    CompletableFuture<CreatedToken> rotate(String tokenId);

    /**
     * @param tokenId the token to revoke
     * @return a future that completes when the token is revoked
     */
    CompletableFuture<Void> revoke(String tokenId);

    /** @return the blocking view of the same family */
    Tokens sync();
}
