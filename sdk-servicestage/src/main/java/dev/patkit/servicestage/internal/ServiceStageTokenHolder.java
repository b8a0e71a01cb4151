package dev.patkit.servicestage.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.rotation.TokenHolder;
import dev.patkit.core.spi.Secrets;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.RepoAuthorizationException;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A ServiceStage authorization as a {@link TokenHolder}: ServiceStage has no update, so the new
 * token is registered under a new name derived from the plan id (so a resumed plan adopts it),
 * verified with {@code X-Repo-Auth}, and the old authorization is deleted last.
 */
public final class ServiceStageTokenHolder implements TokenHolder {

    private final ServiceStageClient client;
    private final String currentName;

    /**
     * Creates the holder.
     *
     * @param client the ServiceStage client
     * @param currentName the authorization that holds the old token
     */
    public ServiceStageTokenHolder(ServiceStageClient client, String currentName) {
        this.client = client;
        this.currentName = currentName;
    }

    @Override
    public String id() {
        return "servicestage:" + currentName;
    }

    /**
     * The new authorization's name: the old one (cut to fit) plus {@code -r} and 8 hex digits of the
     * plan id's SHA-256, within ServiceStage's 4 to 63 characters.
     *
     * @param current the old name
     * @param planId the plan id
     * @return the new name
     */
    static String successorName(String current, String planId) {
        String suffix = "-r" + Secrets.fingerprint(planId);
        String base = current.replaceAll("-r[0-9a-f]{8}$", "");
        return (base.length() > 63 - suffix.length() ? base.substring(0, 63 - suffix.length()) : base) + suffix;
    }

    @Override
    public String install(Token token, String planId) {
        String newName = successorName(currentName, planId);
        if (client.find(newName).isPresent()) {
            return newName;
        }
        GitAuthorization old = client.find(currentName).orElseThrow(() -> new NotFoundException("servicestage: there is"
                + " no authorization named '" + currentName + "' to replace", ErrorContext.of("servicestage", "replace")));
        RepoType type = old.knownRepoType().filter(RepoType.PERSONAL::contains).orElseThrow(() ->
                new ValidationException("servicestage: authorization '" + currentName + "' has repo type '"
                        + old.repoType() + "', which a personal token cannot replace",
                        ErrorContext.of("servicestage", "replace"), List.of()));
        PersonalAuthorization replacement = PersonalAuthorization.of(newName, type, token);
        Optional<URI> home = old.repoHome().filter(h -> h.startsWith("https://")).map(URI::create);
        if (home.isPresent()) {
            replacement = replacement.withHost(home.get());
        }
        client.createPersonal(replacement);
        return newName;
    }

    @Override
    public void verify(String handle) {
        client.verify(handle);
    }

    /**
     * Deletes the old authorization, or does nothing when it is already gone. Existence is checked
     * by listing first, because the error ServiceStage answers for deleting an unknown name is not
     * documented.
     */
    @Override
    public void retire() {
        if (client.find(currentName).isEmpty()) {
            return;
        }
        try {
            client.delete(currentName);
        } catch (NotFoundException e) {
            // Already gone.
        } catch (RepoAuthorizationException e) {
            if (e.reason() != RepoAuthorizationException.Reason.MISSING) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "ServiceStageTokenHolder[" + currentName + "]";
    }
}
