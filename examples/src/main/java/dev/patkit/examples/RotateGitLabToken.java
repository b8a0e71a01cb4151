package dev.patkit.examples;

import dev.patkit.core.CreatedToken;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.rotation.FileSecretStore;
import dev.patkit.gitlab.GitLabClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Rotates the GitLab token in {@code GITLAB_TOKEN} and writes the new one to {@code ./secrets/gitlab}.
 *
 * <p>GitLab revokes the old token and issues a new one in one step, and shows the new secret only
 * once: store it before anything else. If the response is lost, Patkit does not send the rotate
 * again (a second rotate would revoke the whole token family); it throws
 * {@code GitLabRotationOutcomeException} saying whether the old token still works and how to find
 * the new one.
 */
public final class RotateGitLabToken {

    private RotateGitLabToken() {}

    /**
     * Rotates {@code self}.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Patkit patkit = Patkit.create()) {
            String url = System.getenv().getOrDefault("GITLAB_URL", "https://gitlab.com/api/v4");
            GitLabClient gitlab = patkit.client("gitlab", URI.create(url), Token.fromEnvironment("GITLAB_TOKEN"))
                    .unwrap(GitLabClient.class);

            CreatedToken next = gitlab.tokens().rotate("self", LocalDate.now().plusDays(90));
            new FileSecretStore(Path.of("secrets")).put("gitlab", next.token());

            System.out.println("new token " + next.authorization().tokenId().orElse("?") + " " + next.token()
                    + " expires " + next.authorization().expiresAt().orElse(null) + "; stored in secrets/gitlab");
        }
    }
}
