package dev.patkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration: sources, URL completion, labels, and no secret in what it prints. */
class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void apiBases_areCompleted() {
        assertThat(Config.complete("gitlab", URI.create("https://gitlab.example.com"))).hasToString("https://gitlab.example.com/api/v4");
        assertThat(Config.complete("gitlab", URI.create("https://example.com/gitlab/"))).hasToString("https://example.com/gitlab/api/v4");
        assertThat(Config.complete("gitlab", URI.create("https://gitlab.example.com/api/v4/"))).hasToString("https://gitlab.example.com/api/v4");
        assertThat(Config.complete("atomgit", URI.create("https://api.atomgit.com"))).hasToString("https://api.atomgit.com/api/v5");
        assertThat(Config.complete("github", URI.create("https://github.com"))).hasToString("https://api.github.com");
        assertThat(Config.complete("github", URI.create("https://ghe.example.com/api/v3"))).hasToString("https://ghe.example.com/api/v3");
    }

    @Test
    void aUrlWithUserInfo_isRefusedWithoutEchoingIt() {
        Map<String, String> env = Map.of("HOME", dir.toString(), "GITLAB_TOKEN", "glpat-x", "GITLAB_URL",
                "https://me:hunter2@gitlab.example.com");
        assertThatThrownBy(() -> Config.load(null, env).profiles()).isInstanceOf(CliException.class)
                .hasMessage("GITLAB_URL or gitlab.url must not hold a user name or password; configure the token with"
                        + " GITLAB_TOKEN_FILE or gitlab.token-file.")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void serviceStageKeys_neverAppearInAProfilesText() throws Exception {
        Path file = Files.writeString(dir.resolve("c.properties"), "servicestage.ak=AKIDEXAMPLE\nservicestage.sk=SECRETKEY123\n"
                + "servicestage.project-id=0f1e2d3c\n");
        Config.Profile p = Config.load(file.toString(), Map.of("HOME", dir.toString())).profiles().get(0);
        assertThat(p.accessKey()).isPresent();
        assertThat(p.toString()).doesNotContain("SECRETKEY123").contains("servicestage");
        assertThat(p.tokenSource().description()).isEqualTo("config file " + file + " (servicestage.ak)");
    }
}
