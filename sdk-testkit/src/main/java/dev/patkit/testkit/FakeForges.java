package dev.patkit.testkit;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * terminal: {@code java -cp <testkit and WireMock jars> dev.patkit.testkit.FakeForges}, which
 * seeds one demo user and token per fake, prints the base URLs and the demo secrets (fake ones),
 * and runs until killed. Thread-safe.
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
     * Starts the four fakes, seeds a demo user and token in each, prints the base URLs and demo
     * credentials to standard output, and runs until the process is killed.
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
        LocalDate today = LocalDate.ofInstant(forges.clock.instant(), ZoneOffset.UTC);
        FakeUser gl = forges.gitlab.addUser("demo", "Demo User");
        FakeToken glToken = forges.gitlab.addToken(TokenSeed.named("demo-token").owner(gl)
                .scopes("api", "read_user").expiresOn(today.plusDays(30)));
        FakeUser gh = forges.github.addUser("demo", "Demo User");
        FakeToken ghToken = forges.github.addToken(gh, "demo-token", "repo", "read:org");
        FakeUser ag = forges.atomgit.addUser("demo", "Demo User");
        FakeToken agToken = forges.atomgit.addToken(ag, "demo-token");
        FakeToken iam = forges.servicestage.addIamToken();
        PrintStream out = System.out;
        out.println("Patkit fake forges are running (fake secrets below; stop with Ctrl-C)");
        out.println("GITLAB_URL=" + forges.gitlab.baseUri());
        out.println("GITLAB_TOKEN=" + glToken.secret());
        out.println("GITHUB_URL=" + forges.github.baseUri());
        out.println("GITHUB_TOKEN=" + ghToken.secret());
        out.println("ATOMGIT_URL=" + forges.atomgit.baseUri());
        out.println("ATOMGIT_TOKEN=" + agToken.secret());
        out.println("SERVICESTAGE_URL=" + forges.servicestage.baseUri());
        out.println("SERVICESTAGE_PROJECT_ID=" + forges.servicestage.projectId());
        out.println("SERVICESTAGE_IAM_URL=" + forges.servicestage.iamUri());
        out.println("SERVICESTAGE_AUTH_TOKEN=" + iam.secret());
        out.flush();
        new CountDownLatch(1).await();
    }
}
