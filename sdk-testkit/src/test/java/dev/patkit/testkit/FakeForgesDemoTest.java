package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code FakeForges.main} seeds and prints, checked through the fakes' own APIs. */
class FakeForgesDemoTest {

    @RegisterExtension
    final FakeForges forges = FakeForges.create(FakeClock.at(Instant.parse("2026-03-01T10:00:00Z")));

    @Test
    void demo_exportsExactlyTheVariablesThePatkitCommandReads() {
        FakeForges.Demo demo = forges.seedDemo();
        assertThat(demo.env().keySet()).containsExactly("GITLAB_URL", "GITLAB_TOKEN", "GITHUB_URL", "GITHUB_TOKEN",
                "ATOMGIT_URL", "ATOMGIT_TOKEN", "SERVICESTAGE_URL", "SERVICESTAGE_TOKEN");
        assertThat(demo.env().get("GITLAB_URL")).isEqualTo(forges.gitlab().baseUri().toString());
        assertThat(demo.env().get("GITHUB_URL")).isEqualTo(forges.github().baseUri().toString());
        assertThat(demo.env().get("ATOMGIT_URL")).isEqualTo(forges.atomgit().baseUri().toString());
        assertThat(demo.env().get("SERVICESTAGE_URL"))
                .isEqualTo(forges.servicestage().baseUri() + "/v1/" + forges.servicestage().projectId());
        assertThat(forges.gitlab().standing(demo.env().get("GITLAB_TOKEN"))).isEqualTo(TokenStanding.ACTIVE);
        assertThat(forges.github().standing(demo.env().get("GITHUB_TOKEN"))).isEqualTo(TokenStanding.ACTIVE);
        assertThat(demo.toString()).doesNotContain(demo.env().get("GITLAB_TOKEN"));
    }

    @Test
    void demo_gitlabUserHasMoreThanOnePage_andTokensInEveryState_andAnAdministrator() {
        FakeForges.Demo demo = forges.seedDemo();
        String base = forges.gitlab().baseUri().toString();
        String token = demo.env().get("GITLAB_TOKEN");
        HttpResponse<String> page1 = Http.get(base + "/personal_access_tokens", "PRIVATE-TOKEN", token);
        assertThat(page1.statusCode()).isEqualTo(200);
        assertThat(Http.json(page1).size()).isEqualTo(20);
        assertThat(page1.headers().firstValue("x-total")).hasValue("25");
        assertThat(page1.headers().firstValue("x-total-pages")).hasValue("2");
        HttpResponse<String> inactive = Http.get(base + "/personal_access_tokens?state=inactive", "PRIVATE-TOKEN",
                token);
        assertThat(Http.json(inactive).findValuesAsText("name")).containsExactly("expired", "revoked");
        HttpResponse<String> soon = Http.get(base + "/personal_access_tokens?search=expiring", "PRIVATE-TOKEN", token);
        assertThat(Http.json(soon).get(0).get("expires_at").asText()).isEqualTo("2026-03-04");
        HttpResponse<String> self = Http.get(base + "/personal_access_tokens/self", "PRIVATE-TOKEN", token);
        assertThat(Http.json(self).get("name").asText()).isEqualTo("demo-api");
        assertThat(Http.json(self).get("scopes").toString()).isEqualTo("[\"api\",\"read_user\"]");
        assertThat(Http.json(self).get("expires_at").asText()).isEqualTo("2026-03-31");

        String admin = demo.others().get("GitLab administrator root (admin-api)");
        HttpResponse<String> root = Http.get(base + "/user", "PRIVATE-TOKEN", admin);
        assertThat(Http.json(root).get("is_admin").asBoolean()).isTrue();
        HttpResponse<String> all = Http.get(base + "/personal_access_tokens?per_page=100", "PRIVATE-TOKEN", admin);
        assertThat(all.headers().firstValue("x-total")).hasValue("27"); // 25 + admin-api + the project bot's
    }

    @Test
    void demo_githubTokenHasScopesAndAnExpiry() {
        FakeForges.Demo demo = forges.seedDemo();
        HttpResponse<String> user = Http.get(forges.github().baseUri() + "/user", "Authorization",
                "Bearer " + demo.env().get("GITHUB_TOKEN"));
        assertThat(Http.json(user).get("login").asText()).isEqualTo("demo");
        assertThat(user.headers().firstValue("X-OAuth-Scopes")).hasValue("repo, read:org, workflow");
        Instant expiry = Instant.parse("2026-03-31T10:00:00Z").truncatedTo(ChronoUnit.SECONDS);
        assertThat(user.headers().firstValue("GitHub-Authentication-Token-Expiration"))
                .hasValue(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC)
                        .format(expiry));
        HttpResponse<String> revoked = Http.get(forges.github().baseUri() + "/user", "Authorization",
                "Bearer " + demo.others().get("GitHub revoked token of demo"));
        assertThat(revoked.statusCode()).isEqualTo(401);
    }

    @Test
    void printExports_writesEvalableExportLinesAndCommentsOnly() {
        FakeForges.Demo demo = forges.seedDemo();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        demo.printExports(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        Map<String, String> exported = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            assertThat(line).matches("export [A-Z_]+='[^']*'");
            int eq = line.indexOf('=');
            exported.put(line.substring("export ".length(), eq), line.substring(eq + 2, line.length() - 1));
        }
        assertThat(exported).containsExactlyEntriesOf(demo.env());
        assertThat(lines.get(0)).startsWith("# Patkit fake forges are running");
    }
}
