package dev.patkit.gitlab;

import dev.patkit.core.Authorization;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.Tokens;
import java.net.URI;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * A client for GitLab.com or a self-managed GitLab, holding one personal, project, group or
 * service-account access token, which it sends in the {@code PRIVATE-TOKEN} header (never in a
 * URL). Get one with {@code patkit.client("gitlab", token).unwrap(GitLabClient.class)}.
 *
 * <pre>{@code
 * GitLabClient gitlab = patkit.client("gitlab", URI.create("https://git.example.com/api/v4"), token)
 *         .unwrap(GitLabClient.class);
 * Authorization me = gitlab.inspect();
 * CreatedToken next = gitlab.tokens().rotate("self", LocalDate.now(ZoneOffset.UTC).plusDays(90));
 * gitlab.projectTokens("platform/api", GitLabAccessLevel.DEVELOPER)
 *       .create(TokenSpec.of("deploy", List.of("read_repository"), LocalDate.now(ZoneOffset.UTC).plusDays(30)));
 * }</pre>
 *
 * <p>{@link #inspect()} reads {@code GET /personal_access_tokens/self} (allowed with any scope) and,
 * sent at the same time, {@code GET /user} for the owner's login and name (needs {@code read_user},
 * {@code read_api} or {@code api}; without, the owner has its id only). A granular token's scopes
 * are unknown ({@link GitLabGranularScope} reads its grants). A token GitLab rejects (HTTP 401)
 * gives an authorization with status {@link dev.patkit.core.AuthorizationStatus#EXPIRED EXPIRED} or
 * {@link dev.patkit.core.AuthorizationStatus#REVOKED REVOKED} when GitLab says which, else
 * {@link dev.patkit.core.AuthorizationStatus#INVALID INVALID}; it does not throw.
 *
 * <p>Every family of tokens is a {@link Tokens}, reached in one style: {@link #tokens()} (the
 * personal access tokens of {@code /personal_access_tokens}), {@link #projectTokens},
 * {@link #groupTokens}, {@link #impersonationTokens} and a service account's
 * {@link GitLabServiceAccounts#tokens}. Each family's {@link Tokens#capabilities()} says what GitLab
 * has for it; an operation it lacks throws {@link dev.patkit.core.UnsupportedCapabilityException}
 * before any request. In the personal family:
 * <ul>
 *   <li>{@code list}: {@code GET /personal_access_tokens} with every filter of {@link TokenQuery}
 *       ({@code user_id}, {@code state}, {@code revoked}, {@code created_*}, {@code last_used_*},
 *       {@code expires_*}, {@code search}, {@code sort}, {@code per_page}) plus
 *       {@link TokenQuery#extra()} as given;</li>
 *   <li>{@code get}, {@code rotate}, {@code revoke}: by numeric id or {@code self}. A rotate without
 *       an expiry date gets GitLab's current default: one week where the instance requires expiry
 *       (its default setting), no expiry where it does not (older GitLab docs said "maximum
 *       lifetime", so pass a date when it matters);</li>
 *   <li>{@code create}: with {@link TokenSpec#ownerId()} an administrator's
 *       {@code POST /users/:id/personal_access_tokens}; without, {@code POST /user/personal_access_tokens},
 *       which GitLab limits to the scopes in {@link GitLabScopes#SELF_CREATABLE}. Both exist on
 *       Self-Managed and Dedicated only: on GitLab.com the family has no CREATE and points at
 *       {@link #webCreationLink}.</li>
 * </ul>
 * The other families list with the same filters but {@code user_id} ({@link TokenQuery#ownerId()}
 * is not used), and create for the project, group, user or service account they belong to
 * ({@link TokenSpec#ownerId()} is not used).
 *
 * <p>GitLab's {@code expires_at} is a date and the token stops working at 00:00 UTC of that date,
 * so {@link Authorization#expiresAt()} is that instant. Requests are checked before they are sent:
 * blank names, expiry dates that are not after today (UTC) or beyond the maximum lifetime (365
 * days, see {@link #withMaxTokenLifetime}), empty or unknown scopes, descriptions over 255
 * characters and access levels a token cannot have are refused with a
 * {@link dev.patkit.core.ValidationException}.
 *
 * <p>Rotation is guarded in every family that rotates: before a rotate the token is read with a
 * plain {@code GET} where GitLab has one, and a token that is already revoked or expired is not
 * rotated ({@link dev.patkit.core.ConflictException}), because GitLab's reuse detection would
 * revoke the token's whole family. A client also refuses to rotate a token it has already rotated.
 * A lost rotate response is never re-sent; it fails with {@link GitLabRotationOutcomeException}.
 *
 * <p>Calls block; {@link #async()} gives inspection and the personal family with futures, and
 * every family's {@link Tokens#async()} its own. Thread-safe; one instance may be shared.
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
     * push, {@code write_repository} or {@code api}). A granular token, whose scopes are unknown,
     * passes.
     *
     * <pre>{@code
     * GitCredentials git = gitlab.checkedGitCredentials(true);   // fails now rather than at git push
     * }</pre>
     *
     * @param push whether the credentials must allow a push
     * @return the credentials, with the token's expiry
     * @throws dev.patkit.core.PermissionException naming the missing scope
     * @throws dev.patkit.core.AuthenticationException when the token is not active
     */
    GitCredentials checkedGitCredentials(boolean push);

    /**
     * Every group and project the client's token can reach
     * ({@code GET /personal_access_tokens/self/associations}, GitLab 17.4+), lazily over all pages.
     *
     * @return the associations, groups then projects on each page
     */
    Stream<GitLabAssociation> associations();

    /**
     * The groups and projects where the token's user has at least a role
     * ({@code min_access_level}; GitLab takes all eight {@link GitLabAccessLevel}s here).
     *
     * <pre>{@code
     * List<GitLabAssociation> maintained = gitlab.associations(GitLabAccessLevel.MAINTAINER).toList();
     * }</pre>
     *
     * @param minimum the lowest role
     * @return the associations, lazily over all pages
     */
    Stream<GitLabAssociation> associations(GitLabAccessLevel minimum);

    /**
     * The access tokens of a project ({@code /projects/:id/access_tokens}). Each acts as a bot user of
     * the project ({@link dev.patkit.core.Owner.Kind#BOT}, {@link Authorization#tokenKind()}
     * {@code project}). Tokens this family creates get GitLab's default role (Maintainer, 40: no
     * {@code access_level} is sent). GitLab has {@code self} only on rotate: {@code get("self")} reads
     * {@code GET /personal_access_tokens/self}, which project tokens pass, and {@code revoke("self")}
     * is refused before any request. Creating needs a personal access token with {@code api} and the
     * Maintainer role.
     *
     * @param projectId the numeric id or full path, such as {@code group/project} (encoded for you)
     * @return the project's tokens
     * @throws dev.patkit.core.ValidationException for a blank id
     */
    Tokens projectTokens(String projectId);

    /**
     * The access tokens of a project, creating tokens with a given role ({@code access_level}).
     *
     * @param projectId the numeric id or full path (encoded for you)
     * @param accessLevel the role of tokens this family creates: one of
     *     {@link GitLabAccessLevel#TOKEN_ROLES} (checked on create)
     * @return the project's tokens
     * @throws dev.patkit.core.ValidationException for a blank id
     */
    Tokens projectTokens(String projectId, GitLabAccessLevel accessLevel);

    /**
     * The access tokens of a group ({@code /groups/:id/access_tokens}), as {@link #projectTokens(String)}
     * for projects. Creating needs the Owner role.
     *
     * @param groupId the numeric id or full path (encoded for you)
     * @return the group's tokens
     * @throws dev.patkit.core.ValidationException for a blank id
     */
    Tokens groupTokens(String groupId);

    /**
     * The access tokens of a group, creating tokens with a given role.
     *
     * @param groupId the numeric id or full path (encoded for you)
     * @param accessLevel the role of tokens this family creates: one of {@link GitLabAccessLevel#TOKEN_ROLES}
     * @return the group's tokens
     * @throws dev.patkit.core.ValidationException for a blank id
     */
    Tokens groupTokens(String groupId, GitLabAccessLevel accessLevel);

    /**
     * A user's impersonation tokens ({@code /users/:user_id/impersonation_tokens}; administrators
     * only): list (only {@link TokenQuery#state()} and the page size apply; all states when unset),
     * get, create (GitLab requires an expiry date) and revoke. GitLab cannot rotate them.
     *
     * @param userId the user's numeric id
     * @return the user's impersonation tokens
     * @throws dev.patkit.core.ValidationException if the id is not a number
     */
    Tokens impersonationTokens(String userId);

    /**
     * The service accounts of a top-level group and their tokens (Owner on GitLab.com; administrator,
     * or an Owner allowed to, on Self-Managed and Dedicated).
     *
     * @param groupId the top-level group's numeric id or full path (encoded for you)
     * @return the group's service accounts
     * @throws dev.patkit.core.ValidationException for a blank id
     */
    GitLabServiceAccounts groupServiceAccounts(String groupId);

    /**
     * The instance's service accounts and their tokens (administrators; Self-Managed and Dedicated).
     *
     * @return the instance's service accounts
     */
    GitLabServiceAccounts instanceServiceAccounts();
}
