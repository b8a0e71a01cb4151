package dev.patkit.examples;

import dev.patkit.core.Authorization;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import java.net.URI;

/**
 * Whose token is this, what may it do, when does it die?
 *
 * <p>Run with {@code GITLAB_TOKEN} set (and {@code GITLAB_URL} for a self-managed GitLab, e.g.
 * {@code https://gitlab.example.com/api/v4}). Works the same for {@code github} or {@code atomgit}.
 */
public final class InspectToken {

    private InspectToken() {}

    /**
     * Inspects the token in {@code GITLAB_TOKEN}.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Token token = Token.fromEnvironment("GITLAB_TOKEN");
        System.out.println("Offline, the token looks like " + token.kind() + " " + token.format().warnings());

        try (Patkit patkit = Patkit.create()) {
            String url = System.getenv("GITLAB_URL");
            ProviderClient gitlab = url == null
                    ? patkit.client("gitlab", token)
                    : patkit.client("gitlab", URI.create(url), token);

            Authorization me = gitlab.inspect();
            System.out.println("owner:   " + me.owner().map(o -> o.login().orElse(o.id())).orElse("unknown"));
            System.out.println("status:  " + me.status());
            System.out.println("scopes:  " + me.scopes() + " (api allowed? " + me.scopes().allows("api") + ")");
            System.out.println("expires: " + me.expiresAt().map(Object::toString).orElse("never"));
        }
    }
}
