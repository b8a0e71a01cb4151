package dev.patkit.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.ServerException;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationPlanTest {

    /** A forge that rotates in memory and can fail once. */
    static final class FakeRotator implements TokenRotator {
        int calls;
        RuntimeException failNext;
        final List<String> secrets = new ArrayList<>();

        @Override
        public String tokenId() {
            return "42";
        }

        @Override
        public String describe() {
            return "fake token 42";
        }

        @Override
        public CreatedToken rotate(Optional<LocalDate> expiresOn) {
            calls++;
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            String secret = Canary.gitlab();
            secrets.add(secret);
            return new CreatedToken(Authorization.builder("fake", URI.create("https://fake.example")).tokenId("43").build(),
                    Token.of(secret));
        }
    }

    /** A holder that records what happens to it and can fail once at a chosen step. */
    static final class FakeHolder implements TokenHolder {
        final String id;
        final List<String> log = new ArrayList<>();
        String failAt;
        Token installed;

        FakeHolder(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        private void maybeFail(String step) {
            if (step.equals(failAt)) {
                failAt = null;
                throw new ServerException(id + " " + step + " broke", ErrorContext.of("fake", step));
            }
        }

        @Override
        public String install(Token token, String planId) {
            log.add("install");
            maybeFail("install");
            installed = token;
            return id + "-" + planId;
        }

        @Override
        public void verify(String handle) {
            log.add("verify " + handle);
            maybeFail("verify");
        }

        @Override
        public void retire() {
            log.add("retire");
            maybeFail("retire");
        }
    }

    private final FakeRotator forge = new FakeRotator();
    private final FakeHolder a = new FakeHolder("a");
    private final FakeHolder b = new FakeHolder("b");
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final RotationJournal journal = RotationJournal.inMemory();
    private final List<RotationEvent> events = new ArrayList<>();

    private RotationPlan plan() {
        return RotationPlan.builder("plan-1").rotate(forge).newExpiry(LocalDate.of(2027, 1, 1)).storeIn(store, "ci-token")
                .replaceIn(a).replaceIn(b).journal(journal).listener(events::add).build();
    }

    private void assertJournalHoldsNoSecret() {
        String all = journal.entries("plan-1").toString() + events;
        for (String secret : forge.secrets) {
            assertThat(all).doesNotContain(secret);
        }
    }

    @Test
    void fullRotation_rotatesStoresInstallsVerifiesThenRetires() {
        RotationResult r = plan().run();
        assertThat(forge.calls).isEqualTo(1);
        assertThat(store.get("ci-token")).contains(Token.of(forge.secrets.get(0)));
        assertThat(a.installed).isEqualTo(Token.of(forge.secrets.get(0)));
        assertThat(a.log).containsExactly("install", "verify a-plan-1", "retire");
        assertThat(r.newTokenId()).isEqualTo("43");
        assertThat(r.handles()).containsEntry("a", "a-plan-1").containsEntry("b", "b-plan-1");
        assertThat(r.resumed()).isFalse();
        assertThat(events).extracting(e -> e.step() + " " + e.outcome() + " " + e.target()).containsExactly(
                "ROTATE STARTED fake token 42", "ROTATE DONE fake token 42", "STORE STARTED ci-token", "STORE DONE ci-token",
                "INSTALL STARTED a", "INSTALL DONE a", "INSTALL STARTED b", "INSTALL DONE b",
                "VERIFY STARTED a", "VERIFY DONE a", "VERIFY STARTED b", "VERIFY DONE b",
                "RETIRE STARTED a", "RETIRE DONE a", "RETIRE STARTED b", "RETIRE DONE b");
        assertJournalHoldsNoSecret();
        // Running a finished plan again does nothing.
        assertThat(plan().run().newTokenId()).isEqualTo("43");
        assertThat(forge.calls).isEqualTo(1);
    }

    @Test
    void storeFailure_keepsTheNewTokenAndResumes() {
        RotationPlan plan = RotationPlan.builder("plan-1").rotate(forge).storeIn(new SecretStore() {
            int puts;

            @Override
            public void put(String key, Token token) {
                if (puts++ == 0) {
                    throw new IllegalStateException("vault unavailable");
                }
                store.put(key, token);
            }

            @Override
            public java.util.Optional<Token> get(String key) {
                return store.get(key);
            }
        }, "ci-token").replaceIn(a).journal(journal).build();
        assertThatThrownBy(plan::run).isInstanceOfSatisfying(TokenDeliveryFailedException.class, e -> {
            assertThat(e.newTokenId()).isEqualTo("43");
            assertThat(e.resumable()).isTrue();
            assertThat(e.getMessage()).contains("NOT revoked");
        });
        assertThat(a.log).isEmpty();
        plan.run();
        assertThat(forge.calls).isEqualTo(1);
        assertThat(store.get("ci-token")).contains(Token.of(forge.secrets.get(0)));
        assertThat(a.log).containsExactly("install", "verify a-plan-1", "retire");
        assertJournalHoldsNoSecret();
    }

    @Test
    void forgeRotateFailure_changesNothingAndResumes() {
        forge.failNext = new ServerException("gitlab down", ErrorContext.of("fake", "rotate"));
        assertThatThrownBy(() -> plan().run()).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.step()).isEqualTo(RotationEvent.Step.ROTATE));
        assertThat(store.get("ci-token")).isEmpty();
        plan().run();
        assertThat(journal.entries("plan-1")).filteredOn(e -> e.event().equals("ROTATED")).hasSize(1);
        assertThat(a.log).containsExactly("install", "verify a-plan-1", "retire");
    }

    @Test
    void ambiguousRotate_isNeverSentAgain() {
        forge.failNext = new AmbiguousOutcomeException("lost", ErrorContext.of("fake", "rotate"), null);
        assertThatThrownBy(() -> plan().run()).isInstanceOfSatisfying(RotationException.class,
                e -> assertThat(e.resumable()).isFalse());
        assertThatThrownBy(() -> plan().run()).isInstanceOf(RotationException.class).hasMessageContaining("will not");
        assertThat(forge.calls).isEqualTo(1);
    }

    @Test
    void installVerifyAndRetireFailures_keepOldRecordsAndResume() {
        for (String step : List.of("install", "verify", "retire")) {
            FakeRotator f = new FakeRotator();
            FakeHolder h = new FakeHolder("h");
            h.failAt = step;
            RotationJournal j = RotationJournal.inMemory();
            RotationPlan p = RotationPlan.builder("p").rotate(f).storeIn(store, "k").replaceIn(h).journal(j).build();
            assertThatThrownBy(p::run).isInstanceOf(RotationException.class).hasMessageContaining(step);
            if (!step.equals("retire")) {
                assertThat(h.log).doesNotContain("retire");
            }
            p.run();
            assertThat(f.calls).as(step).isEqualTo(1);
            assertThat(h.log).as(step).endsWith("retire");
            assertThat(j.entries("p")).extracting(JournalEntry::event).last().isEqualTo("DONE");
        }
    }

    @Test
    void resumeInANewProcess_readsTheSecretBackFromTheStore(@TempDir Path dir) throws Exception {
        FileJournal fileJournal = new FileJournal(dir.resolve("journal"));
        FileSecretStore fileStore = new FileSecretStore(dir.resolve("secrets"));
        a.failAt = "verify";
        RotationPlan first = RotationPlan.builder("plan-x").rotate(forge).storeIn(fileStore, "ci-token").replaceIn(a)
                .journal(fileJournal).build();
        assertThatThrownBy(first::run).isInstanceOf(RotationException.class);
        RotationPlan second = RotationPlan.builder("plan-x").rotate(forge).storeIn(fileStore, "ci-token").replaceIn(a)
                .journal(new FileJournal(dir.resolve("journal"))).build();
        RotationResult r = second.run();
        assertThat(r.resumed()).isTrue();
        assertThat(forge.calls).isEqualTo(1);
        assertThat(a.log).containsExactly("install", "verify a-plan-x", "verify a-plan-x", "retire");
        String journalText = Files.readString(dir.resolve("journal/plan-x.jsonl"));
        assertThat(journalText).contains("\"ROTATED\"").doesNotContain(forge.secrets.get(0));
        assertThat(Files.readString(dir.resolve("secrets/ci-token"))).isEqualTo(forge.secrets.get(0) + "\n");
    }
}
