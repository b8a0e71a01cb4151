package dev.patkit.atomgit;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Owner;
import dev.patkit.core.ProviderClient;
import java.net.URI;
import java.util.Optional;

/**
 * A client for AtomGit's API v5 holding one personal access token.
 *
 * <p>AtomGit has no API to create, list, rotate or revoke tokens: those operations fail with
 * {@link dev.patkit.core.UnsupportedCapabilityException} carrying the link to the web page where
 * a person does them ({@link #tokenPage()}). What the API offers is {@code GET /user}, which
 * {@link #inspect()} uses to learn whose the token is. The token's name, scopes and expiry come
 * from what the caller recorded ({@link RecordedToken}), given at creation through
 * {@link AtomGitCredential} or later through {@link #withRecord}.
 *
 * <p><b>Inspect</b>: a token the server accepts gives an {@link AuthorizationStatus#ACTIVE}
 * authorization whose owner (id, login, name) comes from the server; the user's email and profile
 * URL are in {@link Authorization#raw()} and {@link AtomGitUser#of(Authorization)}. Name, scopes and
 * expiry come from the record, if any; scopes are {@link dev.patkit.core.Scopes#unknown()} without
 * one. A rejected token (HTTP 401) does not fail the call: it gives an
 * {@link AuthorizationStatus#INVALID} authorization, or {@link AuthorizationStatus#EXPIRED} when the
 * recorded expiry has passed. Other errors throw a typed {@link dev.patkit.core.PatkitException}.
 *
 * <p><b>Git over HTTPS</b> ({@link #gitCredentials()}): the owner's login as the user name and the
 * token as the password, with the recorded expiry. When the login is neither recorded nor learned
 * from an earlier {@link #inspect()}, it calls {@code GET /user} once to learn it, and throws
 * {@link dev.patkit.core.AuthenticationException} if AtomGit rejects the token.
 *
 * <p>AtomGit limits requests per user, across all of that user's tokens. Once a client knows the
 * owner (recorded, or learned from {@code GET /user}), it counts against a budget shared with
 * every other client of the same user, host and {@link dev.patkit.core.Patkit} instance.
 *
 * <p>Implementations are thread-safe.
 */
public interface AtomGitClient extends ProviderClient {

    /** The web page where AtomGit personal access tokens are created and deleted. */
    URI TOKEN_PAGE = URI.create("https://atomgit.com/setting/token-classic");

    /** @return what the caller recorded about the token, if anything */
    Optional<RecordedToken> recorded();

    /**
     * The same client, with the same token, pipeline and rate-limit budget, carrying another
     * record. No request is sent. A record with an owner id moves the client's requests to that
     * owner's shared budget.
     *
     * @param record what the caller recorded about the token
     * @return a client that uses the record
     */
    AtomGitClient withRecord(RecordedToken record);

    /**
     * The authorization built from the record alone, without any request: for offline expiry and
     * scope checks. Its status is {@link AuthorizationStatus#EXPIRED} when the recorded expiry has
     * passed by the client's clock, else {@link AuthorizationStatus#UNKNOWN}; every value comes from
     * the caller.
     *
     * @return the authorization; without a record, one that knows nothing
     */
    Authorization recordedAuthorization();

    /**
     * Whose token this is, as far as the client knows without a request: learned from the last
     * successful {@link #inspect()}, else recorded.
     *
     * @return the owner, if known
     */
    Optional<Owner> knownOwner();

    /**
     * The web page where a person creates and deletes tokens for this client's host:
     * {@link #TOKEN_PAGE} for AtomGit, the GitCode page for {@code api.gitcode.com}, and the same
     * path on the web host of a private deployment.
     *
     * @return the page
     */
    URI tokenPage();
}
