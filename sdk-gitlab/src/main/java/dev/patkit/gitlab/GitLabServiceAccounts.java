package dev.patkit.gitlab;

import dev.patkit.core.Tokens;
import java.util.stream.Stream;

/**
 * The service accounts of a top-level group, or of the instance, and their personal access tokens
 * (GitLab Premium and Ultimate). Obtained from {@link GitLabClient#groupServiceAccounts(String)} or
 * {@link GitLabClient#instanceServiceAccounts()}.
 *
 * <pre>{@code
 * GitLabServiceAccounts accounts = gitlab.groupServiceAccounts("my-group");
 * GitLabServiceAccount bot = accounts.create("Deploy bot");
 * Tokens tokens = accounts.tokens(bot.id());
 * CreatedToken t = tokens.create(TokenSpec.of("deploy", List.of("api"), LocalDate.now(ZoneOffset.UTC).plusDays(30)));
 * tokens.revoke(t.authorization().tokenId().orElseThrow());
 * }</pre>
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>operation</th><th>group (Owner on GitLab.com)</th><th>instance (administrator; Self-Managed, Dedicated)</th></tr>
 *   <tr><td>{@link #list}</td><td>{@code GET /groups/:id/service_accounts}</td><td>{@code GET /service_accounts}</td></tr>
 *   <tr><td>{@link #create}</td><td>{@code POST /groups/:id/service_accounts}</td><td>{@code POST /service_accounts}</td></tr>
 *   <tr><td>{@code tokens(u).list}</td><td>{@code GET /groups/:id/service_accounts/:user_id/personal_access_tokens}</td>
 *       <td>{@code GET /personal_access_tokens?user_id=}</td></tr>
 *   <tr><td>{@code tokens(u).get}</td><td>none: GitLab has no GET by id here (UnsupportedCapabilityException)</td>
 *       <td>{@code GET /personal_access_tokens/:id}</td></tr>
 *   <tr><td>{@code tokens(u).create}</td><td>{@code POST /groups/:id/service_accounts/:user_id/personal_access_tokens}</td>
 *       <td>{@code POST /users/:user_id/personal_access_tokens}</td></tr>
 *   <tr><td>{@code tokens(u).rotate}</td><td>{@code POST .../personal_access_tokens/:token_id/rotate}</td>
 *       <td>{@code POST /personal_access_tokens/:id/rotate}</td></tr>
 *   <tr><td>{@code tokens(u).revoke}</td><td>{@code DELETE /groups/:id/service_accounts/:user_id/personal_access_tokens/:token_id}</td>
 *       <td>{@code DELETE /personal_access_tokens/:id}</td></tr>
 * </table>
 *
 * <p>A group Owner who is not an administrator revokes group service-account tokens only through
 * the group path: {@code DELETE /personal_access_tokens/:id} lets non-administrators revoke their
 * own tokens only. Rotations are guarded as in every GitLab family: a token this client rotated is
 * not rotated again, and a rotate whose response is lost is never sent again
 * ({@link GitLabRotationOutcomeException}). Thread-safe; input is checked before any request.
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
     * Creates a service account; GitLab chooses its user name and e-mail address.
     *
     * @param name the display name, not blank
     * @return the new account
     * @throws dev.patkit.core.ValidationException for a blank name
     */
    GitLabServiceAccount create(String name);

    /**
     * Creates a service account with the given user name and e-mail address.
     *
     * @param name the display name, not blank
     * @param username the user name, not blank
     * @param email the e-mail address, not blank
     * @return the new account
     * @throws dev.patkit.core.ValidationException for a blank value
     */
    GitLabServiceAccount create(String name, String username, String email);

    /**
     * One service account's personal access tokens, as a family: list (with the filters of personal
     * tokens; {@link dev.patkit.core.TokenQuery#ownerId()} is not used), create, rotate, revoke, and
     * for instance accounts get. The expiry of a new token may be left out where the group or
     * instance allows service-account tokens without one.
     *
     * @param userId the service account's numeric user id
     * @return the account's tokens
     * @throws dev.patkit.core.ValidationException if the id is not a number
     */
    Tokens tokens(String userId);
}
