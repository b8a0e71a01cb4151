package dev.patkit.servicestage;

import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.rotation.TokenHolder;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The typed Huawei Cloud ServiceStage client: the forge credentials ("repository
 * authorizations") stored in one project of one region.
 *
 * <p>ServiceStage is a registry of forge credentials, not a forge. Its {@link #tokens()} family
 * lists the stored authorizations ({@code list}), gets one by name ({@code get}) and deletes one
 * ({@code revoke}); {@link #inspect()} checks the ServiceStage credential itself. Everything else is
 * here. Deleting an authorization never revokes the token at the forge.
 *
 * <p>Calls block; {@link #async()} is the same client with futures, running the same code. Every
 * operation checks its input before any request. Thread-safe.
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
     * @return the project id
     * @throws dev.patkit.core.ValidationException when IAM knows no project, or more than one, of that name
     */
    String projectId();

    /**
     * Lists the stored authorizations ({@code GET /v1/{project_id}/git/auths}).
     *
     * @return the authorizations
     */
    List<GitAuthorization> listAuthorizations();

    /**
     * Finds a stored authorization by name (ServiceStage has no get-by-name: this lists).
     *
     * @param name the authorization name
     * @return the authorization, or empty when there is none of that name
     */
    Optional<GitAuthorization> find(String name);

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
     * @return the registration
     */
    Registration createPersonal(PersonalAuthorization request);

    /**
     * Registers a forge user name and password
     * ({@code POST /v1/{project_id}/git/auths/{repo_type}/password}), reconciled like
     * {@link #createPersonal}.
     *
     * @param name the authorization name
     * @param repoType one of {@link RepoType#PASSWORD}
     * @param user the forge user name
     * @param password the forge password (a {@link Token} so it is never shown)
     * @return the registration
     */
    Registration createPassword(String name, RepoType repoType, String user, Token password);

    /**
     * The forge page a person opens to start an OAuth authorization
     * ({@code GET /v1/{project_id}/git/auths/{repo_type}/redirect}), for the default site type.
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @return the forge's authorize URL
     */
    URI oauthRedirectUrl(RepoType repoType);

    /**
     * The forge page a person opens to start an OAuth authorization, for one authorization site
     * type ({@code ?tag=}).
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @param tag the authorization site type
     * @return the forge's authorize URL
     */
    URI oauthRedirectUrl(RepoType repoType, String tag);

    /**
     * Completes an OAuth authorization with the {@code code} and {@code state} the forge sent back
     * ({@code POST /v1/{project_id}/git/auths/{repo_type}/oauth}), for the default site type. An
     * invalid code or state fails with a {@link dev.patkit.core.ValidationException}
     * ({@code SVCSTG.REPO.0402}). Not re-sent when the response is lost: the code is single-use.
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @param name the authorization name
     * @param code the code from the forge's redirect
     * @param state the state from the forge's redirect
     * @return the stored authorization
     */
    GitAuthorization completeOAuth(RepoType repoType, String name, String code, String state);

    /**
     * Completes an OAuth authorization for one authorization site type ({@code ?tag=}); see
     * {@link #completeOAuth(RepoType, String, String, String)}.
     *
     * @param repoType one of {@link RepoType#OAUTH}
     * @param name the authorization name
     * @param code the code from the forge's redirect
     * @param state the state from the forge's redirect
     * @param tag the authorization site type
     * @return the stored authorization
     */
    GitAuthorization completeOAuth(RepoType repoType, String name, String code, String state, String tag);

    /**
     * Deletes a stored authorization ({@code DELETE /v1/{project_id}/git/auths/{name}}). Build jobs
     * that use it fail afterwards; the token itself stays valid at the forge.
     *
     * <p>ServiceStage documents {@code 204} for success and {@code 500} as the only error. After a
     * 500 (or an answer that never came) the authorizations are listed: when the name is gone the
     * delete took effect and the call returns normally; when it is still there the failure is
     * reported ({@link dev.patkit.core.ServerException} for a 500).
     *
     * @param name the authorization name
     */
    void delete(String name);

    /**
     * Checks that a stored authorization works end to end by listing the forge namespaces through
     * it ({@code GET /v1/{project_id}/git/repos/namespaces} with {@code X-Repo-Auth: name}).
     *
     * @param name the authorization name
     * @return the namespace names the stored credential sees
     * @throws RepoAuthorizationException when the name is unknown or the stored credential is invalid
     */
    List<String> verify(String name);

    /**
     * Replaces a stored token safely, through the same steps a
     * {@link dev.patkit.core.rotation.RotationPlan} takes with a {@link #holder}: install (register
     * the replacement under its new name), verify it, and only then retire (delete) the old
     * authorization. If registering or verifying fails the old authorization is kept (a replacement
     * that registered but failed verification is deleted again). Every step is reported as a
     * {@link dev.patkit.core.rotation.RotationEvent}; the call itself fails only for input refused
     * before any request.
     *
     * @param oldName the authorization to replace
     * @param replacement the new authorization; its name must differ from {@code oldName}
     * @return the report
     */
    ReplaceReport replace(String oldName, PersonalAuthorization replacement);

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
    TokenHolder holder(String currentName);

    /** @return the same client with futures */
    @Override
    AsyncServiceStageClient async();
}
