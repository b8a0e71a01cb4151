package dev.patkit.testkit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * All four fakes on one shared {@link FakeClock}, with ServiceStage linked to the GitHub and
 * GitLab fakes; and a {@code main} that starts them and prints where they listen.
 *
 * <p>As a JUnit 5 extension: {@code @RegisterExtension static FakeForges forges = FakeForges.create();}
 * (a {@code static} field starts them once for the class, an instance field for each test). By
 * hand: {@code FakeForges forges = FakeForges.create().start();} and {@link #close()}. From a
 * terminal: {@code java -cp <testkit and its runtime class path> dev.patkit.testkit.FakeForges},
 * which seeds users and tokens in every state ({@link #seedDemo()}), prints {@code export} lines
 * for the {@code patkit} command (fake secrets), and runs until killed. Thread-safe.
 */
public final class FakeForges implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {

    private final FakeClock clock;
    private final FakeGitLab gitlab;
    private final FakeGitHub github;
    private final FakeAtomGit atomgit;
    private final FakeServiceStage servicestage;

    private FakeForges(FakeClock clock) {
        this.clock = clock;
        this.gitlab = FakeGitLab.create(clock);
        this.github = FakeGitHub.create(clock);
        this.atomgit = FakeAtomGit.create(clock);
        this.servicestage = FakeServiceStage.create(clock).link(github).link(gitlab);
    }

    /** @return four stopped fakes on one clock at the current instant */
    public static FakeForges create() {
        return new FakeForges(FakeClock.ofNow());
    }

    /**
     * @param clock the clock to share
     * @return four stopped fakes on that clock
     */
    public static FakeForges create(FakeClock clock) {
        return new FakeForges(clock);
    }

    /** @return this, with all four servers started */
    public FakeForges start() {
        gitlab.start();
        github.start();
        atomgit.start();
        servicestage.start();
        return this;
    }

    /** Stops all four servers. */
    @Override
    public void close() {
        gitlab.stop();
        github.stop();
        atomgit.stop();
        servicestage.stop();
    }

    /** @return the shared clock */
    public FakeClock clock() {
        return clock;
    }

    /** @return the GitLab fake */
    public FakeGitLab gitlab() {
        return gitlab;
    }

    /** @return the GitHub fake */
    public FakeGitHub github() {
        return github;
    }

    /** @return the AtomGit fake */
    public FakeAtomGit atomgit() {
        return atomgit;
    }

    /** @return the ServiceStage (and IAM) fake */
    public FakeServiceStage servicestage() {
        return servicestage;
    }

    /** @param context JUnit's context */
    @Override
    public void beforeAll(ExtensionContext context) {
        gitlab.beforeAll(context);
        github.beforeAll(context);
        atomgit.beforeAll(context);
        servicestage.beforeAll(context);
    }

    /** @param context JUnit's context */
    @Override
    public void afterAll(ExtensionContext context) {
        gitlab.afterAll(context);
        github.afterAll(context);
        atomgit.afterAll(context);
        servicestage.afterAll(context);
    }

    /** @param context JUnit's context */
    @Override
    public void beforeEach(ExtensionContext context) {
        gitlab.beforeEach(context);
        github.beforeEach(context);
        atomgit.beforeEach(context);
        servicestage.beforeEach(context);
    }

    /** @param context JUnit's context */
    @Override
    public void afterEach(ExtensionContext context) {
        gitlab.afterEach(context);
        github.afterEach(context);
        atomgit.afterEach(context);
        servicestage.afterEach(context);
    }

    /**
     * Seeds what a person needs to try Patkit against these fakes, and returns the environment
     * the {@code patkit} command reads ({@code GITLAB_URL}, {@code GITLAB_TOKEN}, {@code GITHUB_*},
     * {@code ATOMGIT_*}, {@code SERVICESTAGE_URL}, {@code SERVICESTAGE_TOKEN}), in print order.
     *
     * <p>GitLab: the user {@code demo} with 25 personal tokens (more than GitLab's default page of
     * 20): {@code demo-api} ({@code api}, {@code read_user}, 30 days; the one exported),
     * {@code expiring-soon} (3 days), {@code expired}, {@code revoked} and 21 more {@code ci-NN}
     * tokens; the administrator {@code root} with {@code admin-api}; a project token on
     * {@code demo/app}. GitHub: {@code demo} with a classic token ({@code repo}, {@code read:org},
     * {@code workflow}, 30 days; exported), a fine-grained one and a revoked one. AtomGit: one
     * token. ServiceStage: an IAM token. Secrets not exported are in {@link Demo#others()}.
     *
     * @return the seeded demo; the fakes must be running
     */
    public Demo seedDemo() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> others = new LinkedHashMap<>();

        FakeUser root = gitlab.addAdmin("root", "Administrator");
        FakeToken rootToken = gitlab.addToken(TokenSeed.named("admin-api").owner(root).scopes("api", "read_user")
                .expiresOn(today.plusDays(90)));
        FakeUser demo = gitlab.addUser("demo", "Demo User");
        FakeToken demoToken = gitlab.addToken(TokenSeed.named("demo-api").owner(demo).scopes("api", "read_user")
                .description("the token exported as GITLAB_TOKEN").expiresOn(today.plusDays(30)));
        gitlab.addToken(TokenSeed.named("expiring-soon").owner(demo).scopes("read_api").expiresOn(today.plusDays(3)));
        gitlab.addToken(TokenSeed.named("expired").owner(demo).scopes("read_api").expiresOn(today.minusDays(2)));
        FakeToken revoked = gitlab.addToken(TokenSeed.named("revoked").owner(demo).scopes("read_repository")
                .expiresOn(today.plusDays(60)));
        gitlab.revoke(revoked);
        for (int i = 1; i <= 21; i++) {
            gitlab.addToken(TokenSeed.named(String.format(Locale.ROOT, "ci-%02d", i)).owner(demo)
                    .scopes(i % 2 == 0 ? "read_api" : "read_repository").expiresOn(today.plusDays(40L + 10L * i)));
        }
        FakeToken project = gitlab.addToken(TokenSeed.named("deploy").project("demo/app").scopes("read_repository")
                .expiresOn(today.plusDays(30)));
        env.put("GITLAB_URL", gitlab.baseUri().toString());
        env.put("GITLAB_TOKEN", demoToken.secret());
        others.put("GitLab administrator root (admin-api)", rootToken.secret());
        others.put("GitLab project token on demo/app (deploy)", project.secret());

        FakeUser gh = github.addUser("demo", "Demo User");
        FakeToken ghToken = github.addToken(TokenSeed.named("demo-classic").owner(gh)
                .scopes("repo", "read:org", "workflow").expiresAt(now.plus(Duration.ofDays(30))));
        FakeToken ghFine = github.addToken(TokenSeed.named("demo-fine-grained").owner(gh)
                .kind(TokenSeed.Kind.FINE_GRAINED).expiresAt(now.plus(Duration.ofDays(60))));
        FakeToken ghRevoked = github.addToken(TokenSeed.named("demo-revoked").owner(gh).scopes("repo"));
        github.revoke(ghRevoked);
        env.put("GITHUB_URL", github.baseUri().toString());
        env.put("GITHUB_TOKEN", ghToken.secret());
        others.put("GitHub fine-grained token of demo", ghFine.secret());
        others.put("GitHub revoked token of demo", ghRevoked.secret());

        FakeUser ag = atomgit.addUser("demo", "Demo User");
        FakeToken agToken = atomgit.addToken(ag, "demo-token");
        env.put("ATOMGIT_URL", atomgit.baseUri().toString());
        env.put("ATOMGIT_TOKEN", agToken.secret());

        FakeToken iam = servicestage.addIamToken();
        env.put("SERVICESTAGE_URL", servicestage.baseUri() + "/v1/" + servicestage.projectId());
        env.put("SERVICESTAGE_TOKEN", iam.secret());
        return new Demo(Collections.unmodifiableMap(env), Collections.unmodifiableMap(others));
    }

    /**
     * What {@link #seedDemo()} seeded: the environment for the {@code patkit} command and the
     * other fake secrets.
     *
     * @param env variable name to value, in print order
     * @param others a description to a fake secret that is not exported
     */
    public record Demo(Map<String, String> env, Map<String, String> others) {

        /**
         * Writes {@code export NAME='value'} lines a POSIX shell can {@code eval}, and the other
         * secrets as {@code #} comments (which {@code eval} ignores).
         *
         * @param out where to write
         */
        public void printExports(PrintStream out) {
            out.println("# Patkit fake forges are running; stop them with Ctrl-C. Every secret below is fake.");
            for (Map.Entry<String, String> e : env.entrySet()) {
                out.println("export " + e.getKey() + "='" + e.getValue() + "'");
            }
            for (Map.Entry<String, String> e : others.entrySet()) {
                out.println("# " + e.getKey() + ": " + e.getValue());
            }
            out.flush();
        }

        /** @return the variable names only: the values are fake secrets */
        @Override
        public String toString() {
            return "Demo" + env.keySet();
        }
    }

    /**
     * Starts the four fakes without request journals, seeds them ({@link #seedDemo()}), prints
     * {@code export} lines for the {@code patkit} command to standard output, and runs until the
     * process is killed.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        FakeForges forges = create();
        forges.gitlab.withoutRequestJournal();
        forges.github.withoutRequestJournal();
        forges.atomgit.withoutRequestJournal();
        forges.servicestage.withoutRequestJournal();
        forges.start();
        Runtime.getRuntime().addShutdownHook(new Thread(forges::close, "fake-forges-stop"));
        forges.seedDemo().printExports(System.out);
        new CountDownLatch(1).await();
    }
}
