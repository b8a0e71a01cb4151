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
 * A ServiceStage authorization as a {@link TokenHolder} that keeps the authorization's name across
 * any number of rotations, so the same scheduled command finds it every time. ServiceStage has no
 * update, so one replacement is:
 *
 * <ol>
 *   <li>{@link #check}: the authorization exists and holds a personal token;
 *   <li>{@link #install}: register the new token under a temporary name derived from the plan id
 *       ({@code NAME-r} and 8 hex digits), so a resumed plan adopts it;
 *   <li>{@link #verify}: ServiceStage can reach the repositories with it ({@code X-Repo-Auth});
 *   <li>{@link #retire}: delete the old authorization;
 *   <li>{@link #settle}: register the new token again under the original name, verify that, and
 *       delete the temporary one.
 * </ol>
 *
 * <p>Every step is safe to repeat: a resumed plan finds what an earlier run did by name. Between
 * retire and settle, the temporary authorization holds the working token.
 *
 * <p>{@link ServiceStageClient#replace} runs the same steps with a {@link #replacing} holder: install
 * registers the caller's replacement under its own name, and the new name is kept (no settle). That
 * plan is not resumed, so its steps send exactly create, verify, delete: no look-ups beside them,
 * except the listing that settles a create or delete whose outcome is unknown.
 */
public final class ServiceStageTokenHolder implements TokenHolder {

    /** The prefix of every holder id. */
    static final String ID_PREFIX = "servicestage:";

    private final ServiceStageClient client;
    private final String currentName;
    private final Optional<PersonalAuthorization> replacement;

    private ServiceStageTokenHolder(ServiceStageClient client, String currentName,
            Optional<PersonalAuthorization> replacement) {
        this.client = client;
        this.currentName = currentName;
        this.replacement = replacement;
    }

    /**
     * The holder a rotation plan uses: the new token ends up under {@code currentName} again.
     *
     * @param client the ServiceStage client
     * @param currentName the authorization that holds the old token, and will hold the new one
     * @return the holder
     */
    static ServiceStageTokenHolder keepingName(ServiceStageClient client, String currentName) {
        return new ServiceStageTokenHolder(client, currentName, Optional.empty());
    }

    /**
     * The holder {@link ServiceStageClient#replace} uses: the replacement is registered as given
     * and keeps its own name; {@code oldName} is retired.
     *
     * @param client the ServiceStage client
     * @param oldName the authorization to retire
     * @param replacement the authorization to register
     * @return the holder
     */
    static ServiceStageTokenHolder replacing(ServiceStageClient client, String oldName, PersonalAuthorization replacement) {
        return new ServiceStageTokenHolder(client, oldName, Optional.of(replacement));
    }

    @Override
    public String id() {
        return ID_PREFIX + currentName;
    }

    /**
     * The temporary authorization's name: the old one (cut to fit) plus {@code -r} and 8 hex digits
     * of the plan id's SHA-256, within ServiceStage's 4 to 63 characters.
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
    public void check() {
        if (replacement.isPresent()) {
            return; // the caller names the replacement's type and host; the old record is not read
        }
        GitAuthorization old = client.find(currentName).orElseThrow(this::missing);
        personalType(old);
    }

    private NotFoundException missing() {
        return new NotFoundException("servicestage: there is no authorization named '" + currentName + "' to replace",
                ErrorContext.of("servicestage", "replace"));
    }

    private RepoType personalType(GitAuthorization a) {
        return a.knownRepoType().filter(RepoType.PERSONAL::contains).orElseThrow(() ->
                new ValidationException("servicestage: authorization '" + a.name() + "' has repo type '"
                        + a.repoType() + "', which a personal token cannot replace",
                        ErrorContext.of("servicestage", "replace"), List.of()));
    }

    /** A request to register the token under a name, with the type and https home of an existing record. */
    private PersonalAuthorization like(GitAuthorization model, String name, Token token) {
        PersonalAuthorization request = PersonalAuthorization.of(name, personalType(model), token);
        Optional<URI> home = model.repoHome().filter(h -> h.startsWith("https://")).map(URI::create);
        return home.isPresent() ? request.withHost(home.get()) : request;
    }

    @Override
    public String install(Token token, String planId) {
        if (replacement.isPresent()) {
            return client.createPersonal(replacement.get()).authorization().name();
        }
        String newName = successorName(currentName, planId);
        if (client.find(newName).isPresent()) {
            return newName;
        }
        GitAuthorization old = client.find(currentName).orElseThrow(this::missing);
        client.createPersonal(like(old, newName, token));
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
        if (replacement.isPresent()) {
            client.delete(currentName);
            return;
        }
        deleteIfPresent(currentName);
    }

    /** Registers the new token under the original name (unless already there), verifies it, deletes the temporary one. */
    @Override
    public String settle(Token token, String planId, String handle) {
        if (replacement.isPresent() || handle.equals(currentName)) {
            return handle;
        }
        if (client.find(currentName).isEmpty()) {
            GitAuthorization temporary = client.find(handle).orElseThrow(() -> new NotFoundException("servicestage:"
                    + " neither '" + currentName + "' nor the temporary authorization '" + handle + "' exists; register"
                    + " the token again under '" + currentName + "'", ErrorContext.of("servicestage", "replace")));
            client.createPersonal(like(temporary, currentName, token));
        }
        client.verify(currentName);
        deleteIfPresent(handle);
        return currentName;
    }

    private void deleteIfPresent(String name) {
        if (client.find(name).isEmpty()) {
            return;
        }
        try {
            client.delete(name);
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
        return "ServiceStageTokenHolder[" + currentName + replacement.map(r -> " -> " + r.name()).orElse("") + "]";
    }
}
