package dev.patkit.servicestage;

import dev.patkit.core.AsyncProviderClient;
import dev.patkit.core.Token;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link ServiceStageClient} ({@code client.async()}): the same calls,
 * each returning a future that completes with the blocking call's result or fails with its
 * exception. Input refused before any request is a failed future, never a thrown exception.
 * Thread-safe.
 */
public interface AsyncServiceStageClient extends AsyncProviderClient {

    /** @return a future of the project id; see {@link ServiceStageClient#projectId()} */
    CompletableFuture<String> projectId();

    /** @return a future of the stored authorizations; see {@link ServiceStageClient#listAuthorizations()} */
    CompletableFuture<List<GitAuthorization>> listAuthorizations();

    /**
     * @param name the authorization name
     * @return a future of the authorization, or empty; see {@link ServiceStageClient#find}
     */
    CompletableFuture<Optional<GitAuthorization>> find(String name);

    /**
     * @param request the name, type, token and host
     * @return a future of the registration; see {@link ServiceStageClient#createPersonal}
     */
    CompletableFuture<Registration> createPersonal(PersonalAuthorization request);

    /**
     * @param name the authorization name
     * @param repoType one of {@link RepoType#PASSWORD}
     * @param user the forge user name
     * @param password the forge password
     * @return a future of the registration; see {@link ServiceStageClient#createPassword}
     */
    CompletableFuture<Registration> createPassword(String name, RepoType repoType, String user, Token password);

    /**
     * @param repoType one of {@link RepoType#OAUTH}
     * @return a future of the forge's authorize URL; see {@link ServiceStageClient#oauthRedirectUrl(RepoType)}
     */
    CompletableFuture<URI> oauthRedirectUrl(RepoType repoType);

    /**
     * @param repoType one of {@link RepoType#OAUTH}
     * @param tag the authorization site type
     * @return a future of the forge's authorize URL; see {@link ServiceStageClient#oauthRedirectUrl(RepoType, String)}
     */
    CompletableFuture<URI> oauthRedirectUrl(RepoType repoType, String tag);

    /**
     * @param repoType one of {@link RepoType#OAUTH}
     * @param name the authorization name
     * @param code the code from the forge's redirect
     * @param state the state from the forge's redirect
     * @return a future of the stored authorization; see {@link ServiceStageClient#completeOAuth(RepoType, String, String, String)}
     */
    CompletableFuture<GitAuthorization> completeOAuth(RepoType repoType, String name, String code, String state);

    /**
     * @param repoType one of {@link RepoType#OAUTH}
     * @param name the authorization name
     * @param code the code from the forge's redirect
     * @param state the state from the forge's redirect
     * @param tag the authorization site type
     * @return a future of the stored authorization
     */
    CompletableFuture<GitAuthorization> completeOAuth(RepoType repoType, String name, String code, String state, String tag);

    /**
     * @param name the authorization name
     * @return a future that completes when it is deleted; see {@link ServiceStageClient#delete}
     */
    CompletableFuture<Void> delete(String name);

    /**
     * @param name the authorization name
     * @return a future of the namespace names; see {@link ServiceStageClient#verify}
     */
    CompletableFuture<List<String>> verify(String name);

    /**
     * Replaces a stored token; the steps run one after another on a thread of their own (a
     * {@link dev.patkit.core.rotation.RotationPlan} is blocking), so no shared pool waits on them.
     *
     * @param oldName the authorization to replace
     * @param replacement the new authorization
     * @return a future of the report; see {@link ServiceStageClient#replace}
     */
    CompletableFuture<ReplaceReport> replace(String oldName, PersonalAuthorization replacement);

    /** @return the blocking view of the same client */
    @Override
    ServiceStageClient sync();
}
