package dev.patkit.github;

import dev.patkit.core.AsyncProviderClient;
import dev.patkit.core.Token;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link GitHubClient} ({@code client.async()}): the same GitHub extras,
 * each returning a future that fails with the exception the blocking call throws. A check that
 * fails before any request fails the future; no method here throws.
 *
 * <pre>{@code
 * GitHubClient github = patkit.client("github", Token.fromEnvironment("GITHUB_TOKEN")).unwrap(GitHubClient.class);
 * CompletableFuture<GitHubRateLimits> limits = github.async().fetchRateLimits();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface AsyncGitHubClient extends AsyncProviderClient {

    /**
     * See {@link GitHubClient#revokeCredentials}.
     *
     * @param tokens the tokens
     * @return a future of the report
     */
    CompletableFuture<RevocationReport> revokeCredentials(Collection<Token> tokens);

    /** @return a future of every rate-limit budget; see {@link GitHubClient#fetchRateLimits()} */
    CompletableFuture<GitHubRateLimits> fetchRateLimits();

    /**
     * See {@link GitHubClient#revokeGrant}.
     *
     * @param org the organisation's login
     * @param grantId the grant's id
     * @return a future that completes when GitHub accepted it
     */
    CompletableFuture<Void> revokeGrant(String org, long grantId);

    /**
     * See {@link GitHubClient#revokeGrants}.
     *
     * @param org the organisation's login
     * @param grantIds 1 to 100 grant ids
     * @return a future that completes when GitHub accepted it
     */
    CompletableFuture<Void> revokeGrants(String org, Collection<Long> grantIds);

    /**
     * See {@link GitHubClient#reviewRequest(String, long, ReviewDecision)}.
     *
     * @param org the organisation's login
     * @param requestId the request's id
     * @param decision approve or deny
     * @return a future that completes when GitHub accepted it
     */
    CompletableFuture<Void> reviewRequest(String org, long requestId, ReviewDecision decision);

    /**
     * See {@link GitHubClient#reviewRequest(String, long, ReviewDecision, String)}.
     *
     * @param org the organisation's login
     * @param requestId the request's id
     * @param decision approve or deny
     * @param reason why, at most 1024 characters
     * @return a future that completes when GitHub accepted it
     */
    CompletableFuture<Void> reviewRequest(String org, long requestId, ReviewDecision decision, String reason);

    /**
     * See {@link GitHubClient#reviewRequests(String, Collection, ReviewDecision)}.
     *
     * @param org the organisation's login
     * @param requestIds 1 to 100 request ids
     * @param decision approve or deny
     * @return a future that completes when GitHub accepted it
     */
    CompletableFuture<Void> reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision);

    /**
     * See {@link GitHubClient#reviewRequests(String, Collection, ReviewDecision, String)}.
     *
     * @param org the organisation's login
     * @param requestIds 1 to 100 request ids
     * @param decision approve or deny
     * @param reason why, at most 1024 characters
     * @return a future that completes when GitHub accepted it
     */
    CompletableFuture<Void> reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision,
            String reason);

    /** @return the blocking view of the same client */
    @Override
    GitHubClient sync();
}
