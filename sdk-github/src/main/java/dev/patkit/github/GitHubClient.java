package dev.patkit.github;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * The GitHub client: GitHub.com ({@code https://api.github.com}) or GitHub Enterprise Server
 * ({@code https://HOST/api/v3}), holding one token.
 *
 * <p>Every request carries {@code Authorization: Bearer}, {@code Accept: application/vnd.github+json},
 * {@code X-GitHub-Api-Version} (default {@value GitHubClientFactory#DEFAULT_API_VERSION}) and
 * Patkit's {@code User-Agent}. GitHub has no API to create, rotate or list a user's own personal
 * access tokens: those operations of {@link #tokens()} throw
 * {@link dev.patkit.core.UnsupportedCapabilityException} carrying the web link that does it, before
 * any request; {@code tokens().revoke("self")} revokes the client's own token. {@link #async()} is the
 * same client with futures.
 *
 * <p><b>Inspect</b> ({@code GET /user}) returns an {@link AuthorizationStatus#INVALID} authorization
 * when GitHub rejects the token with 401, rather than throwing: the standing of the token is the
 * question being asked. Every other call throws {@link dev.patkit.core.AuthenticationException}
 * on 401. Inspections of valid tokens run in parallel; after a token a host rejected, the
 * inspections of that host through one {@link dev.patkit.core.Patkit} go one at a time, spaced out
 * (1 s, 2 s, 4 s ... up to 60 s), so checking many candidate tokens cannot trip GitHub's failed-login
 * lockout ({@link GitHubLoginLockoutException}).
 *
 * <p><b>Mutating calls</b> (credential revocation, grant revocation, request reviews) are
 * serialised and spaced at least 1 s apart per token, as GitHub's best practices ask.
 *
 * <p><b>Organisation governance</b> calls ({@code /orgs/{org}/personal-access-token*}) need a
 * GitHub App installation token with the {@code organization_personal_access_tokens} (or
 * {@code ..._requests}) permission; with any other token GitHub answers 403 and the
 * {@link dev.patkit.core.PermissionException} says so.
 *
 * <p>Thread-safe.
 */
public interface GitHubClient extends ProviderClient {

    /**
     * A client for the same host and token that sends another {@code X-GitHub-Api-Version}.
     *
     * @param apiVersion a version date such as {@code 2026-03-10}
     * @return the new client
     * @throws IllegalArgumentException if the value is not a {@code YYYY-MM-DD} date
     */
    GitHubClient withApiVersion(String apiVersion);

    /** @return the {@code X-GitHub-Api-Version} this client sends */
    String apiVersion();

    /**
     * Revokes tokens through {@code POST /credentials/revoke}, meant for leaked tokens and usable
     * for one's own. Sent without credentials (GitHub refuses authenticated calls there), at most
     * 1000 tokens a request, batches one after another at least 1 s apart. A failed batch does not
     * stop the next ones, except a rate limit (60 requests an hour per IP), after which the rest are
     * {@link RevocationReport.Outcome#NOT_SENT}. Duplicates are sent once.
     *
     * <p>The endpoint exists on GitHub.com, GHE.com and GitHub Enterprise Server 3.18 and later: on a
     * GHES host the version is read once ({@code GET /meta}), and an older server fails with an
     * {@link dev.patkit.core.UnsupportedCapabilityException} before anything is sent.
     *
     * @param tokens the tokens; each must be of a kind GitHub takes there ({@code ghp_},
     *     {@code github_pat_}, {@code gho_}, {@code ghu_}, {@code ghr_}); {@code ghs_} installation
     *     tokens, legacy 40-hex tokens and other providers' tokens are refused rather than sent
     * @return the report, one entry per batch
     */
    RevocationReport revokeCredentials(Collection<Token> tokens);

    /**
     * Reads every rate-limit budget with {@code GET /rate_limit}.
     *
     * @return the budgets
     */
    GitHubRateLimits fetchRateLimits();

    /**
     * Lists an organisation's approved fine-grained token grants, lazily page by page.
     *
     * @param org the organisation's login
     * @param query the filters
     * @return the grants
     */
    Stream<FineGrainedTokenGrant> listGrants(String org, GrantQuery query);

    /**
     * Lists the repositories one grant can access, lazily.
     *
     * @param org the organisation's login
     * @param grantId the grant's id ({@link FineGrainedTokenGrant#id()})
     * @return the repositories
     */
    Stream<GitHubRepository> listGrantRepositories(String org, long grantId);

    /**
     * Revokes one grant ({@code POST /orgs/{org}/personal-access-tokens/{pat_id}}): the token loses
     * access to the organisation.
     *
     * @param org the organisation's login
     * @param grantId the grant's id
     */
    void revokeGrant(String org, long grantId);

    /**
     * Revokes up to 100 grants in one request ({@code POST /orgs/{org}/personal-access-tokens}).
     *
     * @param org the organisation's login
     * @param grantIds 1 to 100 grant ids
     */
    void revokeGrants(String org, Collection<Long> grantIds);

    /**
     * Lists an organisation's pending fine-grained token requests, lazily.
     *
     * @param org the organisation's login
     * @param query the filters
     * @return the requests
     */
    Stream<FineGrainedTokenRequest> listRequests(String org, GrantQuery query);

    /**
     * Lists the repositories one request asks for, lazily.
     *
     * @param org the organisation's login
     * @param requestId the request's id ({@link FineGrainedTokenRequest#id()})
     * @return the repositories
     */
    Stream<GitHubRepository> listRequestRepositories(String org, long requestId);

    /**
     * Approves or denies one request without a reason
     * ({@code POST /orgs/{org}/personal-access-token-requests/{pat_request_id}}, answered 204).
     *
     * @param org the organisation's login
     * @param requestId the request's id
     * @param decision approve or deny
     */
    void reviewRequest(String org, long requestId, ReviewDecision decision);

    /**
     * Approves or denies one request, saying why.
     *
     * @param org the organisation's login
     * @param requestId the request's id
     * @param decision approve or deny
     * @param reason why, at most 1024 characters
     */
    void reviewRequest(String org, long requestId, ReviewDecision decision, String reason);

    /**
     * Approves or denies up to 100 requests in one request, without a reason
     * ({@code POST /orgs/{org}/personal-access-token-requests}, answered 202).
     *
     * @param org the organisation's login
     * @param requestIds 1 to 100 request ids
     * @param decision approve or deny
     */
    void reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision);

    /**
     * Approves or denies up to 100 requests in one request, saying why.
     *
     * @param org the organisation's login
     * @param requestIds 1 to 100 request ids
     * @param decision approve or deny
     * @param reason why, at most 1024 characters
     */
    void reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision, String reason);

    /** @return the same client with futures, its GitHub extras included */
    @Override
    AsyncGitHubClient async();
}
