package dev.patkit.examples.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.audit.Audit;
import dev.patkit.core.audit.AuditReport;
import dev.patkit.core.audit.ExpiryWarning;
import dev.patkit.core.audit.ExpiryWarnings;
import dev.patkit.servicestage.IamToken;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import dev.patkit.testkit.FakeForges;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An audit over the fakes with seeded tokens finds exactly what needs attention. */
class AuditAcrossForgesTest {

    @RegisterExtension
    FakeForges forges = FakeForges.create();

    @Test
    void auditOverSeededFakes_findsExactlyTheExpectedProblems() {
        LocalDate today = LocalDate.now(forges.clock().withZone(ZoneOffset.UTC));
        FakeUser bob = forges.gitlab().addUser("bob", "Bob");
        FakeToken broad = forges.gitlab().addToken(TokenSeed.named("bob-broad").owner(bob).scopes("api")
                .expiresOn(today.plusDays(200)));
        forges.gitlab().addToken(TokenSeed.named("bob-soon").owner(bob).scopes("read_api").expiresOn(today.plusDays(10)));
        forges.gitlab().addToken(TokenSeed.named("bob-fine").owner(bob).scopes("read_api").expiresOn(today.plusDays(100)));
        FakeToken gone = forges.gitlab().addToken(TokenSeed.named("bob-gone").owner(bob).scopes("read_api")
                .expiresOn(today.plusDays(100)));
        forges.gitlab().revoke(gone);

        FakeUser octo = forges.github().addUser("octocat", "Octo");
        FakeToken gh = forges.github().addToken(TokenSeed.named("octo").owner(octo).scopes("repo").expiresOn(today.plusDays(60)));
        FakeUser lin = forges.atomgit().addUser("lin", "Lin");
        FakeToken atom = forges.atomgit().addToken(lin, "ci");

        forges.servicestage().link(forges.gitlab());
        FakeToken iam = forges.servicestage().addIamToken();
        FakeToken stored = forges.gitlab().addToken(TokenSeed.named("bob-stored").owner(bob).scopes("read_repository")
                .expiresOn(today.plusDays(100)));

        try (Patkit patkit = Patkit.create()) {
            ProviderClient gitlab = patkit.client("gitlab", forges.gitlab().baseUri(), Token.of(broad.secret()));
            ProviderClient github = patkit.client("github", forges.github().baseUri(), Token.of(gh.secret()));
            ProviderClient atomgit = patkit.client("atomgit", forges.atomgit().baseUri(), Token.of(atom.secret()));
            ServiceStageClient stage = patkit.client("servicestage", URI.create(forges.servicestage().baseUri() + "/v1/"
                    + forges.servicestage().projectId()), IamToken.of(Token.of(iam.secret()))).unwrap(ServiceStageClient.class);
            stage.createPersonal(PersonalAuthorization.of("ci-gitlab", RepoType.GITLAB, Token.of(stored.secret())));
            forges.gitlab().revoke(stored);

            AuditReport report = Audit.builder().source(gitlab).source(github).source(atomgit).store(stage)
                    .expiringWithin(Duration.ofDays(30)).needs("gitlab", "read_api").needs("github", "repo")
                    .clock(forges.clock()).build().run();

            assertThat(report.findings()).extracting(f -> f.kind() + " " + f.authorization().provider() + " "
                    + f.authorization().tokenName().orElse("-")).containsExactlyInAnyOrder(
                    "BROADER_THAN_NEEDED gitlab bob-broad",
                    "EXPIRES_SOON gitlab bob-soon",
                    "INACTIVE gitlab bob-gone",
                    "INACTIVE gitlab bob-stored",
                    "PERMISSIONS_UNKNOWN atomgit -",
                    "STORED_BUT_INACTIVE servicestage ci-gitlab");
            assertThat(report.entries()).extracting(e -> e.authorization().provider() + " "
                    + e.authorization().tokenName().orElse("-")).containsExactlyInAnyOrder(
                    "gitlab bob-broad", "gitlab bob-soon", "gitlab bob-fine", "gitlab bob-gone", "gitlab bob-stored",
                    "github -", "atomgit -", "servicestage ci-gitlab");

            List<ExpiryWarning> warnings = new ArrayList<>();
            ExpiryWarnings warner = ExpiryWarnings.standard(forges.clock(), warnings::add);
            report.entries().forEach(e -> warner.check(e.authorization()));
            report.entries().forEach(e -> warner.check(e.authorization()));
            assertThat(warnings).extracting(w -> w.authorization().tokenName().orElse("-") + " " + w.threshold().toDays())
                    .containsExactly("bob-soon 30");
        }
    }
}
