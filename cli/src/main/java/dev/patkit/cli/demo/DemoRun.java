package dev.patkit.cli.demo;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.audit.Audit;
import dev.patkit.core.audit.AuditReport;
import dev.patkit.core.audit.Finding;
import dev.patkit.core.rotation.InMemorySecretStore;
import dev.patkit.core.rotation.RotationPlan;
import dev.patkit.core.rotation.RotationResult;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.servicestage.IamToken;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.Registration;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import dev.patkit.testkit.FakeForges;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The walk-through behind {@code patkit demo}: starts fake GitLab, GitHub, AtomGit and ServiceStage
 * servers in this process and runs inspect, create, register in ServiceStage, rotate-and-propagate
 * and audit, printing each step. Needs no token and no network.
 *
 * <p>Lives in its own jar ({@code lib/demo/patkit-cli-demo.jar}) beside the testkit and WireMock,
 * which the command loads through a class loader of their own for this command only; so it talks to
 * the rest of the command line through the functions it is given, never its package-private types.
 */
public final class DemoRun {

    private DemoRun() {}

    /**
     * Runs the demo.
     *
     * @param out where the walk-through is printed
     * @param view an authorization as the command prints it in JSON
     * @param audit prints an audit report and answers its findings to act on, as JSON maps
     * @return a summary for {@code --json}
     */
    public static Map<String, Object> run(PrintStream out, Function<Authorization, Map<String, Object>> view,
            BiFunction<AuditReport, PrintStream, List<Map<String, Object>>> audit) {
        Map<String, Object> summary = new LinkedHashMap<>();
        try (FakeForges forges = FakeForges.create().start(); Patkit patkit = Patkit.create()) {
            LocalDate today = LocalDate.now(forges.clock().withZone(ZoneOffset.UTC));
            out.println("Patkit " + Patkit.version() + " demo: fake forges are running on loopback");
            out.println("  GitLab       " + forges.gitlab().baseUri());
            out.println("  GitHub       " + forges.github().baseUri());
            out.println("  AtomGit      " + forges.atomgit().baseUri());
            out.println("  ServiceStage " + forges.servicestage().baseUri());

            FakeUser alice = forges.gitlab().addAdmin("alice", "Alice Admin");
            FakeToken aliceToken = forges.gitlab().addToken(TokenSeed.named("alice-laptop").owner(alice)
                    .scopes("api", "read_user").expiresOn(today.plusDays(20)));
            FakeUser octocat = forges.github().addUser("octocat", "The Octocat");
            FakeToken githubToken = forges.github().addToken(TokenSeed.named("release-bot").owner(octocat)
                    .scopes("repo", "read:org").expiresOn(today.plusDays(90)));
            FakeUser lin = forges.atomgit().addUser("lin", "Lin Wei");
            FakeToken atomgitToken = forges.atomgit().addToken(lin, "ci");
            forges.servicestage().link(forges.gitlab()).link(forges.github());
            FakeToken iam = forges.servicestage().addIamToken();

            GitLabClient gitlab = patkit.client("gitlab", forges.gitlab().baseUri(), Token.of(aliceToken.secret()))
                    .unwrap(GitLabClient.class);
            ProviderClient github = patkit.client("github", forges.github().baseUri(), Token.of(githubToken.secret()));
            ProviderClient atomgit = patkit.client("atomgit", forges.atomgit().baseUri(), Token.of(atomgitToken.secret()));
            ServiceStageClient stage = patkit.client("servicestage",
                    URI.create(forges.servicestage().baseUri() + "/v1/" + forges.servicestage().projectId()),
                    IamToken.of(Token.of(iam.secret()))).unwrap(ServiceStageClient.class);

            section(out, "1. Inspect: whose token is it, what may it do, when does it die?");
            List<Map<String, Object>> inspected = new java.util.ArrayList<>();
            summary.put("inspected", inspected);
            for (ProviderClient c : List.of(gitlab, github, atomgit)) {
                Authorization a = c.inspect();
                inspected.add(view.apply(a));
                out.printf("  %-8s owner=%s status=%s scopes=%s expires=%s%n", a.provider(),
                        a.owner().map(o -> o.login().orElse(o.id())).orElse("?"), a.status(), a.scopes(),
                        a.expiresAt().map(Object::toString).orElse("never"));
            }
            out.println("  " + Token.of(githubToken.secret()) + " (a token's toString never shows the secret)");

            section(out, "2. Create a GitLab token for the deploy bot");
            CreatedToken deploy = gitlab.tokens().create(TokenSpec.of("deploy-bot", List.of("read_repository", "write_repository"),
                    today.plusDays(60)).forOwner(alice.id()));
            summary.put("created", view.apply(deploy.authorization()));
            out.println("  created token " + deploy.authorization().tokenId().orElse("?") + " '"
                    + deploy.authorization().tokenName().orElse("") + "' " + deploy.token());

            section(out, "3. Register it in ServiceStage");
            Registration reg = stage.createPersonal(PersonalAuthorization.of("deploy-bot-gitlab", RepoType.GITLAB,
                    deploy.token()));
            summary.put("registered", reg.authorization().name());
            out.println("  registered '" + reg.authorization().name() + "' for GitLab user "
                    + reg.authorization().repoUser().orElse("?") + ", status " + reg.authorization().status());

            section(out, "4. Rotate it and propagate: forge, secret store, ServiceStage, verify, retire");
            InMemorySecretStore vault = new InMemorySecretStore();
            RotationResult rotated = RotationPlan.builder("demo-rotation")
                    .rotate(gitlab.tokens().rotator(deploy.authorization().tokenId().orElseThrow()))
                    .newExpiry(today.plusDays(90)).storeIn(vault, "deploy-bot")
                    .replaceIn(stage.holder("deploy-bot-gitlab"))
                    .listener(e -> out.printf("  %-8s %-8s %s%n", e.step(), e.outcome(), e.target()))
                    .build().run();
            Token fresh = vault.get("deploy-bot").orElseThrow();
            Authorization oldOne = patkit.client("gitlab", forges.gitlab().baseUri(), deploy.token()).inspect();
            Authorization newOne = patkit.client("gitlab", forges.gitlab().baseUri(), fresh).inspect();
            out.println("  old token " + rotated.oldTokenId() + " is now " + oldOne.status() + "; new token "
                    + rotated.newTokenId() + " is " + newOne.status());
            List<String> held = stage.listAuthorizations().stream().map(a -> a.name()).toList();
            out.println("  ServiceStage now holds " + held + " (the same name, the new token)");
            Map<String, Object> rotation = new LinkedHashMap<>();
            rotation.put("oldTokenId", rotated.oldTokenId());
            rotation.put("oldStatus", oldOne.status().name());
            rotation.put("newTokenId", rotated.newTokenId());
            rotation.put("newStatus", newOne.status().name());
            rotation.put("servicestage", held);
            summary.put("rotation", rotation);

            section(out, "5. Audit every token across the forges (expiring within 30 days)");
            AuditReport report = Audit.builder().source(gitlab).source(github).source(atomgit).store(stage)
                    .expiringWithin(Duration.ofDays(30)).needs("github", "repo").build().run();
            summary.put("auditFindings", audit.apply(report, out));
            out.println();
            out.println("Demo finished: inspect, create, register, rotate and audit ran against the embedded fakes.");
            summary.put("finished", true);
            return summary;
        }
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println("== " + title);
    }
}
