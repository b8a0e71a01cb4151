package dev.patkit.examples.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.rotation.InMemorySecretStore;
import dev.patkit.core.rotation.JournalEntry;
import dev.patkit.core.rotation.RotationEvent;
import dev.patkit.core.rotation.RotationException;
import dev.patkit.core.rotation.RotationJournal;
import dev.patkit.core.rotation.RotationPlan;
import dev.patkit.core.rotation.RotationResult;
import dev.patkit.core.rotation.SecretStore;
import dev.patkit.core.rotation.TokenDeliveryFailedException;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.servicestage.IamToken;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import dev.patkit.testkit.FakeFailure;
import dev.patkit.testkit.FakeForges;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rotate-and-propagate across the GitLab and ServiceStage fakes, through the real provider clients:
 * a clean run, and a failure injected at each step followed by a resume.
 */
class RotationAcrossForgesTest {

    private static final String AUTH = "deploy-gitlab";
    private static final String ROTATE = ".*/personal_access_tokens/[^/]+/rotate";

    @RegisterExtension
    FakeForges forges = FakeForges.create();

    private Patkit patkit;
    private GitLabClient gitlab;
    private ServiceStageClient stage;
    private FakeToken deploy;
    private FakeToken admin;
    private final RotationJournal journal = RotationJournal.inMemory();
    private final InMemorySecretStore vault = new InMemorySecretStore();
    private final List<RotationEvent> events = new ArrayList<>();
    private LocalDate today;

    @BeforeEach
    void seed() {
        LogCapture.clear();
        today = LocalDate.now(forges.clock().withZone(ZoneOffset.UTC));
        FakeUser alice = forges.gitlab().addAdmin("alice", "Alice");
        admin = forges.gitlab().addToken(TokenSeed.named("admin").owner(alice).scopes("api"));
        deploy = forges.gitlab().addToken(TokenSeed.named("deploy").owner(alice).scopes("read_repository")
                .expiresOn(today.plusDays(5)));
        forges.servicestage().link(forges.gitlab());
        FakeToken iam = forges.servicestage().addIamToken();
        patkit = Patkit.create();
        gitlab = patkit.client("gitlab", forges.gitlab().baseUri(), Token.of(admin.secret())).unwrap(GitLabClient.class);
        stage = patkit.client("servicestage", URI.create(forges.servicestage().baseUri() + "/v1/"
                + forges.servicestage().projectId()), IamToken.of(Token.of(iam.secret()))).unwrap(ServiceStageClient.class);
        stage.createPersonal(PersonalAuthorization.of(AUTH, RepoType.GITLAB, Token.of(deploy.secret())));
    }

    @AfterEach
    void close() {
        patkit.close();
        Leaks.assertNotLogged(deploy.secret());
        Leaks.assertNotLogged(admin.secret());
        vault.get("deploy").ifPresent(t -> Leaks.assertNotLogged(t.reveal()));
    }

    private RotationPlan plan(SecretStore store) {
        return RotationPlan.builder("rotate-deploy").rotate(gitlab.tokens().rotator(deploy.id())).newExpiry(today.plusDays(90))
                .storeIn(store, "deploy").replaceIn(stage.holder(AUTH)).journal(journal).listener(events::add).build();
    }

    private int rotatePosts() {
        return forges.gitlab().wireMock().findAll(postRequestedFor(urlMatching(ROTATE))).size();
    }

    private long rotatedEntries() {
        return journal.entries("rotate-deploy").stream().map(JournalEntry::event).filter("ROTATED"::equals).count();
    }

    /** The end state of every successful run: one successor, stored, registered, verified, old record gone. */
    private void assertRotatedAndPropagated(RotationResult result) {
        Token fresh = vault.get("deploy").orElseThrow();
        assertThat(forges.gitlab().standing(deploy.secret()).toString()).contains("REVOKED");
        assertThat(patkit.client("gitlab", forges.gitlab().baseUri(), fresh).inspect().status())
                .isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(result.newFingerprint()).isEqualTo(fresh.fingerprint());
        String newName = result.handles().get("servicestage:" + AUTH);
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).containsExactly(newName);
        assertThat(stage.verify(newName)).isNotNull();
        assertThat(rotatedEntries()).isEqualTo(1);
        assertThat(journal.entries("rotate-deploy").toString()).doesNotContain(fresh.reveal()).doesNotContain(deploy.secret());
    }

    @Test
    void fullRotation_acrossGitLabAndServiceStage() {
        RotationResult result = plan(vault).run();
        assertRotatedAndPropagated(result);
        assertThat(rotatePosts()).isEqualTo(1);
        assertThat(events).filteredOn(e -> e.outcome() == RotationEvent.Outcome.DONE).extracting(RotationEvent::step)
                .containsExactly(RotationEvent.Step.ROTATE, RotationEvent.Step.STORE, RotationEvent.Step.INSTALL,
                        RotationEvent.Step.VERIFY, RotationEvent.Step.RETIRE);
    }

    @Test
    void storeFailure_keepsTheNewTokenAliveAndResumes() {
        SecretStore flaky = new SecretStore() {
            private boolean failed;

            @Override
            public void put(String key, Token token) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("vault sealed");
                }
                vault.put(key, token);
            }

            @Override
            public Optional<Token> get(String key) {
                return vault.get(key);
            }
        };
        RotationPlan plan = plan(flaky);
        assertThatThrownBy(plan::run).isInstanceOfSatisfying(TokenDeliveryFailedException.class,
                e -> assertThat(e.newTokenId()).isNotBlank());
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).containsExactly(AUTH);
        assertAssumingNewTokenStillActive(plan);
        assertRotatedAndPropagated(plan.run());
        assertThat(rotatePosts()).isEqualTo(1);
    }

    private void assertAssumingNewTokenStillActive(RotationPlan plan) {
        assertThat(forges.gitlab().successor(deploy)).isPresent();
        assertThat(forges.gitlab().standing(forges.gitlab().successor(deploy).get().secret()).toString()).contains("ACTIVE");
        assertThat(plan.id()).isEqualTo("rotate-deploy");
    }

    @Test
    void forgeRotateRejected_changesNothingAndResumesWithOneRotation() {
        // A definite refusal (4xx): nothing happened at the forge, so the plan may run again.
        forges.gitlab().failNext("POST", ROTATE, FakeFailure.status(422));
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOfSatisfying(RotationException.class, e -> {
            assertThat(e.step()).isEqualTo(RotationEvent.Step.ROTATE);
            assertThat(e.resumable()).isTrue();
        });
        assertThat(forges.gitlab().standing(deploy.secret()).toString()).contains("ACTIVE");
        assertThat(vault.get("deploy")).isEmpty();
        assertRotatedAndPropagated(plan(vault).run());
        assertThat(rotatePosts()).as("the rejected attempt and the successful one").isEqualTo(2);
        assertThat(forges.gitlab().successor(deploy)).isPresent();
    }

    @Test
    void forgeRotateAnsweredWithA503_isAmbiguous_andNeverSentAgain() {
        // A 5xx says nothing of whether the rotation happened: treated like a lost answer.
        forges.gitlab().failNext("POST", ROTATE, FakeFailure.status(503));
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.resumable()).isFalse());
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOf(RotationException.class).hasMessageContaining("will not");
        assertThat(rotatePosts()).isEqualTo(1);
    }

    @Test
    void forgeRotateResponseLost_isNeverSentAgain() {
        forges.gitlab().failNext("POST", ROTATE, FakeFailure.lostResponse());
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.resumable()).isFalse());
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOf(RotationException.class).hasMessageContaining("will not");
        assertThat(rotatePosts()).isEqualTo(1);
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).containsExactly(AUTH);
    }

    @Test
    void serviceStageCreateFailure_keepsTheOldAuthorizationAndResumes() {
        forges.servicestage().failNext("POST", ".*/git/auths/gitlab/personal", FakeFailure.status(400,
                "{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"injected failure\"}"));
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.step()).isEqualTo(RotationEvent.Step.INSTALL));
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).containsExactly(AUTH);
        assertThat(vault.get("deploy")).isPresent();
        assertRotatedAndPropagated(plan(vault).run());
        assertThat(rotatePosts()).isEqualTo(1);
    }

    @Test
    void verifyFailure_keepsTheOldAuthorizationAndResumes() {
        forges.servicestage().failNext("GET", ".*/git/repos/namespaces", FakeFailure.status(400,
                "{\"error_code\":\"SVCSTG.REPO.0451\",\"error_msg\":\"injected failure\"}"));
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.step()).isEqualTo(RotationEvent.Step.VERIFY));
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).contains(AUTH).hasSize(2);
        assertRotatedAndPropagated(plan(vault).run());
        assertThat(rotatePosts()).isEqualTo(1);
    }

    @Test
    void deleteFailure_resumesAndRetiresTheOldAuthorization() {
        forges.servicestage().failNext("DELETE", ".*/git/auths/" + AUTH, FakeFailure.status(400,
                "{\"error_code\":\"SVCSTG.REPO.0400\",\"error_msg\":\"injected failure\"}"));
        assertThatThrownBy(() -> plan(vault).run()).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.step()).isEqualTo(RotationEvent.Step.RETIRE));
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).contains(AUTH).hasSize(2);
        assertRotatedAndPropagated(plan(vault).run());
        assertThat(rotatePosts()).isEqualTo(1);
    }

    @Test
    void holderInstall_calledAgainForThePlan_adoptsTheRecordItCreated() {
        var holder = stage.holder(AUTH);
        String first = holder.install(Token.of(deploy.secret()), "plan-a");
        String again = holder.install(Token.of(deploy.secret()), "plan-a");
        assertThat(again).isEqualTo(first).startsWith(AUTH + "-r").hasSizeLessThanOrEqualTo(63);
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).containsExactlyInAnyOrder(
                AUTH, first);
        assertThat(holder.install(Token.of(deploy.secret()), "plan-b")).isNotEqualTo(first);
        holder.retire();
        holder.retire();
        assertThat(forges.servicestage().authorizationNames(forges.servicestage().projectId())).doesNotContain(AUTH);
    }

    @Test
    void rotatorProbe_seesTheOldTokenActiveBeforeAndRevokedAfter() {
        var rotator = gitlab.tokens().rotator(deploy.id());
        assertThat(rotator.oldTokenActive()).contains(true);
        rotator.rotate(Optional.of(today.plusDays(30)));
        assertThat(rotator.oldTokenActive()).contains(false);
        assertThat(rotator.describe()).isEqualTo("token " + deploy.id() + " of gitlab personal access tokens at " + gitlab.baseUri());
    }
}
