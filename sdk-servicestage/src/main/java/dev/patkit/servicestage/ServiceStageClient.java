package dev.patkit.servicestage;

import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.rotation.TokenHolder;
import dev.patkit.core.spi.Futures;
import dev.patkit.servicestage.internal.ServiceStageTokenHolder;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The typed Huawei Cloud ServiceStage client: the forge credentials ("repository
 * authorizations") stored in one project of one region.
 *
 * <p>ServiceStage is a registry of forge credentials, not a forge. As a {@link ProviderClient} it
 * lists the stored authorizations ({@code list}), gets one by name ({@code get}) and deletes one
 * ({@code revoke}); {@code inspect} checks the ServiceStage credential itself. Everything else is
 * here. Deleting an authorization never revokes the token at the forge.
 *
 * <p>Every operation checks its input before any request and comes in a blocking and an
 * asynchronous form that run the same code. Thread-safe.
 *
 * <pre>{@code
 * ServiceStageClient stage = patkit.client("servicestage",
 *         URI.create("https://servicestage.cn-north-4.myhuaweicloud.com/v1/" + projectId),
 *         AccessKey.of(ak, sk)).unwrap(ServiceStageClient.class);
 * stage.createPersonal(PersonalAuthorization.of("ci-github", RepoType.GITHUB, Token.fromEnvironment("GH_TOKEN")));
 * }</pre>
 */
public interface ServiceStageClient extends ProviderClient {

    /**
     * The project id: the one in the base URI, or the one IAM reports for the region (resolved
     * once, then kept).
     *
     * @return a future of the project id; fails with a {@link dev.patkit.core.ValidationException}
     *     when IAM knows no project, or more than one, of that name
     */
    CompletableFuture<String> projectIdAsync();

    /** @return the project id (see {@link #projectIdAsync()}) */
    default String projectId() {
        return Futures.blocking(() -> projectIdAsync());
    }

    /**
     * Lists the stored authorizations ({@code GET /v1/{project_id}/git/auths}).
     *
     * @return a future of the authorizations
     */
    CompletableFuture<List<GitAuthorization>> listAuthorizationsAsync();

    /** @return the stored authorizations */
    default List<GitAuthorization> listAuthorizations() {
        return Futures.blocking(() -> listAuthorizationsAsync());
    }

    /**
     * Finds a stored authorization by name (ServiceStage has no get-by-name: this lists).
     *
     * @param name the authorization name
     * @return a future of the authorization, or empty when there is none of that name
     */
    CompletableFuture<Optional<GitAuthorization>> findAsync(String name);

    /**
     * Finds a stored authorization by name.
     *
     * @param name the authorization name
     * @return the authorization, or empty
     */
    default Optional<GitAuthorization> find(String name) {
        return Futures.blocking(() -> findAsync(name));
    }

    /**
     * Registers a forge token ({@code POST /v1/{project_id}/git/auths/{repo_type}/personal}).
     *
     * <p>Refused before any request: a name that is not 4 to 63 characters of
     * {@code A-Za-z0-9._-}, a type outside {@link RepoType#PERSONAL}, a host that is not an
     * absolute https URL. When the response is lost, the authorizations are listed: if the name is
     * present the registration is reported as {@link Registration.Outcome#RECONCILED}, otherwise
     * the create is sent once more. A name already taken fails with
     * {@link dev.patkit.core.ConflictException}.
     *
     * @param request the name, type, token and host
     * @return a future of the registration
     */
    CompletableFuture<Registration> createPersonalAsync(PersonalAuthorization request);

    /**
     * Registers a forge token.
     *
     * @param request the name, type, token and host
     * @return the registration
     */
    default Registration createPersonal(PersonalAuthorization request) {
        return Futures.blocking(() -> createPersonalAsync(request));
    }

    /**
     * Registers a forge user name and password
     * ({@code POST /v1/{project_id}/git/auths/{repo_type}/password}), reconciled like
     * {@link #createPersonalAsync}.
     *
     * @param name the authorization name
     * @param repoType one of {@link RepoType#PASSWORD}
     * @param user the forge user name
     * @param password the forge password (a {@link Token} so it is never shown)
     * @return a future of the registration
     */
    CompletableFuture<Registration> createPasswordAsync(String name, RepoType repoType, String user, Token password);

    /**
     * Registers a forge user name and password.
     *
     * @param name the authorization name
     * @param repoType one of {@link RepoType#PASSWORD}
     * @param user the forge user name
     * @param password the forge password
     * @return the registration
     */
    default Registration createPassword(String name, RepoType repoType, String user, Token password) {
        return Futures.blocking(() -> createPasswordAsync(name, repoType, user, password));
    }

    /**
     * The forge page a person opens to start an OAuth authorization
     * ({@code GET /v1/{project_id}/git/auths/{repo_type}/redirect}).
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @param tag the authorization site type, or null
     * @return a future of the forge's authorize URL
     */
    CompletableFuture<URI> oauthRedirectUrlAsync(RepoType repoType, String tag);

    /**
     * The forge page a person opens to start an OAuth authorization.
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @param tag the authorization site type, or null
     * @return the forge's authorize URL
     */
    default URI oauthRedirectUrl(RepoType repoType, String tag) {
        return Futures.blocking(() -> oauthRedirectUrlAsync(repoType, tag));
    }

    /**
     * Completes an OAuth authorization with the {@code code} and {@code state} the forge sent back
     * ({@code POST /v1/{project_id}/git/auths/{repo_type}/oauth}). An invalid code or state fails
     * with a {@link dev.patkit.core.ValidationException} ({@code SVCSTG.REPO.0402}). Not re-sent
     * when the response is lost: the code is single-use.
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @param name the authorization name
     * @param code the code from the forge's redirect
     * @param state the state from the forge's redirect
     * @param tag the authorization site type, or null
     * @return a future of the stored authorization
     */
    CompletableFuture<GitAuthorization> completeOAuthAsync(RepoType repoType, String name, String code, String state,
            String tag);

    /**
     * Completes an OAuth authorization.
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @param name the authorization name
     * @param code the code from the forge's redirect
     * @param state the state from the forge's redirect
     * @param tag the authorization site type, or null
     * @return the stored authorization
     */
    default GitAuthorization completeOAuth(RepoType repoType, String name, String code, String state, String tag) {
        return Futures.blocking(() -> completeOAuthAsync(repoType, name, code, state, tag));
    }

    /**
     * Deletes a stored authorization ({@code DELETE /v1/{project_id}/git/auths/{name}}). Build jobs
     * that use it fail afterwards; the token itself stays valid at the forge.
     *
     * <p>ServiceStage documents {@code 204} for success and {@code 500} as the only error. After a
     * 500 (or an answer that never came) the authorizations are listed: when the name is gone the
     * delete took effect and the future completes normally; when it is still there the failure is
     * reported ({@link dev.patkit.core.ServerException} for a 500).
     *
     * @param name the authorization name
     * @return a future that completes when it is deleted
     */
    CompletableFuture<Void> deleteAsync(String name);

    /**
     * Deletes a stored authorization.
     *
     * @param name the authorization name
     */
    default void delete(String name) {
        Futures.blocking(() -> deleteAsync(name));
    }

    /**
     * Checks that a stored authorization works end to end by listing the forge namespaces through
     * it ({@code GET /v1/{project_id}/git/repos/namespaces} with {@code X-Repo-Auth: name}).
     *
     * @param name the authorization name
     * @return a future of the namespace names; fails with {@link RepoAuthorizationException} when
     *     the name is unknown or the stored credential is invalid
     */
    CompletableFuture<List<String>> verifyAsync(String name);

    /**
     * Checks that a stored authorization works end to end.
     *
     * @param name the authorization name
     * @return the namespace names the stored credential sees
     */
    default List<String> verify(String name) {
        return Futures.blocking(() -> verifyAsync(name));
    }

    /**
     * Replaces a stored token safely: registers the replacement under its (new) name, verifies it,
     * and only then deletes the old authorization. If registering or verifying fails the old
     * authorization is kept (a replacement that registered but failed verification is deleted
     * again). Every step is reported; the future itself fails only for input refused before any
     * request.
     *
     * @param oldName the authorization to replace
     * @param replacement the new authorization; its name must differ from {@code oldName}
     * @return a future of the report
     */
    CompletableFuture<ReplaceReport> replaceAsync(String oldName, PersonalAuthorization replacement);

    /**
     * Replaces a stored token safely.
     *
     * @param oldName the authorization to replace
     * @param replacement the new authorization
     * @return the report
     */
    default ReplaceReport replace(String oldName, PersonalAuthorization replacement) {
        return Futures.blocking(() -> replaceAsync(oldName, replacement));
    }

    /**
     * The authorization named {@code currentName} as a holder for a
     * {@link dev.patkit.core.rotation.RotationPlan}, keeping that name across rotations: the rotated
     * token is registered under a temporary name derived from the plan id and verified; only then is
     * {@code currentName} deleted, registered again with the new token, verified, and the temporary
     * authorization deleted. Each step may be repeated by a resumed plan.
     *
     * @param currentName the authorization that holds the old token and will hold the new one
     * @return the holder
     */
    default TokenHolder holder(String currentName) {
        return new ServiceStageTokenHolder(this, currentName);
    }
}
