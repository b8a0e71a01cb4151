package dev.patkit.gitlab;

import dev.patkit.core.Authorization;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.rotation.TokenRotator;
import dev.patkit.core.spi.Futures;
import java.net.URI;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A client for GitLab.com or a self-managed GitLab, holding one personal, project, group or
 * service-account access token, which it sends in the {@code PRIVATE-TOKEN} header (never in a
 * URL). Get one with {@code patkit.client("gitlab", token).unwrap(GitLabClient.class)}.
 *
 * <p>The {@link ProviderClient} operations map onto GitLab's personal access tokens API:
 * <ul>
 *   <li>{@link #inspect()}: {@code GET /personal_access_tokens/self} (allowed with any scope) and,
 *       sent at the same time, {@code GET /user} for the owner's login and name (needs
 *       {@code read_user}, {@code read_api} or {@code api}; without, the owner has its id only). A
 *       granular token's scopes are unknown ({@link GitLabGranularScope} reads its grants). A
 *       token GitLab rejects (HTTP 401) gives an authorization with status
 *       {@link dev.patkit.core.AuthorizationStatus#EXPIRED EXPIRED} or
 *       {@link dev.patkit.core.AuthorizationStatus#REVOKED REVOKED} when GitLab says which, else
 *       {@link dev.patkit.core.AuthorizationStatus#INVALID INVALID}; it does not throw.</li>
 *   <li>{@link #list}: {@code GET /personal_access_tokens} with every filter of {@link TokenQuery}
 *       ({@code user_id}, {@code state}, {@code revoked}, {@code created_*}, {@code last_used_*},
 *       {@code expires_*}, {@code search}, {@code sort}, {@code per_page}) plus
 *       {@link TokenQuery#extra()} as given.</li>
 *   <li>{@link #get}, {@link #rotate}, {@link #revoke}: by numeric id or {@code self}. A rotate
 *       without an expiry date gets GitLab's current default: one week where the instance requires
 *       expiry (its default setting), no expiry where it does not (older GitLab docs said "maximum
 *       lifetime", so pass a date when it matters).</li>
 *   <li>{@link #create}: with {@link TokenSpec#ownerId()} an administrator's
 *       {@code POST /users/:id/personal_access_tokens} (self-managed and Dedicated only); without,
 *       {@code POST /user/personal_access_tokens}, which GitLab limits to the scopes in
 *       {@link GitLabScopes#SELF_CREATABLE}. Other tokens for oneself are made in the web UI
 *       ({@link #webCreationLink}).</li>
 * </ul>
 *
 * <p>GitLab's {@code expires_at} is a date and the token stops working at 00:00 UTC of that date,
 * so {@link Authorization#expiresAt()} is that instant. Requests are checked before they are sent:
 * blank names, expiry dates that are not after today (UTC) or beyond the maximum lifetime (365
 * days, see {@link #withMaxTokenLifetime}), empty or unknown scopes, descriptions over 255
 * characters and access levels GitLab does not have are refused with a
 * {@link dev.patkit.core.ValidationException}.
 *
 * <p>Rotation is guarded: before a rotate the token is read with a plain {@code GET}, and a token
 * that is already revoked or expired is not rotated ({@link dev.patkit.core.ConflictException}),
 * because GitLab's reuse detection would revoke the token's whole family. A client also refuses
 * to rotate a token it has already rotated. A lost rotate response is never re-sent; it fails
 * with {@link GitLabRotationOutcomeException}.
 *
 * <p>Thread-safe; one instance may be shared.
 */
public interface GitLabClient extends ProviderClient {

    /** {@link Authorization#tokenKind()} of a user's personal access token. */
    String KIND_PERSONAL = "personal";
    /** {@link Authorization#tokenKind()} of an impersonation token. */
    String KIND_IMPERSONATION = "impersonation";
    /** {@link Authorization#tokenKind()} of a project access token. */
    String KIND_PROJECT = "project";
    /** {@link Authorization#tokenKind()} of a group access token. */
    String KIND_GROUP = "group";
    /** {@link Authorization#tokenKind()} of a service account's personal access token. */
    String KIND_SERVICE_ACCOUNT = "service_account";

    /**
     * The user name {@link #gitCredentials()} gives git. GitLab ignores the user name when the
     * password is an access token but requires a non-empty one; this one is none of GitLab's
     * special names ({@code oauth2} for OAuth tokens, {@code gitlab-ci-token} for job tokens).
     */
    String GIT_USERNAME = "patkit";

    /**
     * The same client with another maximum token lifetime for the expiry check before create and
     * rotate. GitLab's default is 365 days; instances with the {@code buffered_token_expiration_limit}
     * feature allow 400.
     *
     * @param days the longest lifetime, 1 to 400
     * @return a client sharing this one's connection, rate-limit budget and rotation guard
     * @throws IllegalArgumentException if days is out of range
     */
    GitLabClient withMaxTokenLifetime(int days);

    /** @return the longest lifetime create and rotate accept, in days (365 unless changed) */
    int maxTokenLifetimeDays();

    /**
     * The web page that creates a personal access token, pre-filled:
     * {@code https://HOST[/prefix]/-/user_settings/personal_access_tokens?name=...&scopes=...}.
     * Use it where the API cannot create the token (GitLab.com users). No request is sent.
     *
     * @param name the token's name
     * @param scopes the scopes to pre-select; checked against {@link GitLabScopes#CATALOGUE}
     * @return the link
     * @throws dev.patkit.core.ValidationException for a blank name, no scopes or unknown scopes
     */
    URI webCreationLink(String name, Collection<String> scopes);

    /**
     * Inspects the token and returns Git over HTTPS credentials only if it can do the job: it must
     * be active and hold {@code read_repository}, {@code write_repository} or {@code api} (for a
     * push, {@code write_repository} or {@code api}).
     *
     * @param push whether the credentials must allow a push
     * @return a future of the credentials, with the token's expiry; it fails with a
     *     {@link dev.patkit.core.PermissionException} naming the missing scope, or an
     *     {@link dev.patkit.core.AuthenticationException} when the token is not active
     */
    CompletableFuture<GitCredentials> checkedGitCredentialsAsync(boolean push);

    /**
     * Checked Git over HTTPS credentials.
     *
     * @param push whether the credentials must allow a push
     * @return the credentials
     */
    default GitCredentials checkedGitCredentials(boolean push) {
        return Futures.blocking(() -> checkedGitCredentialsAsync(push));
    }

    /**
     * The groups and projects the client's token can reach
     * ({@code GET /personal_access_tokens/self/associations}, GitLab 17.4+), lazily over all pages.
     *
     * @param minAccessLevel only those where the token's user has at least this role (5, 10, 15, 20, 25, 30,
     *     40 or 50; see {@link GitLabAccessLevel}),
     *     or null for all
     * @return the associations, groups then projects on each page
     */
    Stream<GitLabAssociation> associations(Integer minAccessLevel);

    /**
     * The access tokens of a project.
     *
     * @param projectId the numeric id or full path, such as {@code group/project} (encoded for you)
     * @return the project's tokens
     */
    GitLabResourceTokens projectTokens(String projectId);

    /**
     * The access tokens of a group.
     *
     * @param groupId the numeric id or full path (encoded for you)
     * @return the group's tokens
     */
    GitLabResourceTokens groupTokens(String groupId);

    /**
     * A user's impersonation tokens (administrators only).
     *
     * @param userId the user's numeric id
     * @return the user's impersonation tokens
     */
    GitLabImpersonationTokens impersonationTokens(String userId);

    /**
     * The service accounts of a top-level group and their tokens (Owner on GitLab.com; administrator,
     * or an Owner allowed to, on Self-Managed and Dedicated).
     *
     * @param groupId the top-level group's numeric id or full path (encoded for you)
     * @return the group's service accounts
     */
    GitLabServiceAccounts groupServiceAccounts(String groupId);

    /**
     * The instance's service accounts and their tokens (administrators; Self-Managed and Dedicated).
     *
     * @return the instance's service accounts
     */
    GitLabServiceAccounts instanceServiceAccounts();

    /**
     * A rotator for a {@link dev.patkit.core.rotation.RotationPlan} that rotates one of this
     * client's personal access tokens and can probe, with a safe GET, whether the old one is still
     * active.
     *
     * @param tokenId the token's id, or {@code self}
     * @return the rotator
     */
    default TokenRotator rotator(String tokenId) {
        return TokenRotator.probing(tokenId, "gitlab personal access token " + tokenId + " at " + baseUri(),
                this::rotate, this::get);
    }
}
