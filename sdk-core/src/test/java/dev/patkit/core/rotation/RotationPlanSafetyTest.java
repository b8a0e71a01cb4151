package dev.patkit.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rotation never loses a secret: destinations are checked first, a refused secret is rescued, holders settle. */
class RotationPlanSafetyTest {

    @TempDir
    Path dir;

    private final RotationPlanTest.FakeRotator forge = new RotationPlanTest.FakeRotator();
    private final RotationJournal journal = RotationJournal.inMemory();

    /** A holder that can fail its check or its settle, and logs what happens. */
    static final class SettlingHolder implements TokenHolder {
        final List<String> log = new ArrayList<>();
        RuntimeException checkFails;
        boolean settleFailsOnce;

        @Override
        public String id() {
            return "h";
        }

        @Override
        public void check() {
            log.add("check");
            if (checkFails != null) {
                throw checkFails;
            }
        }

        @Override
        public String install(Token token, String planId) {
            log.add("install");
            return "h-tmp";
        }

        @Override
        public void verify(String handle) {
            log.add("verify " + handle);
        }

        @Override
        public void retire() {
            log.add("retire");
        }

        @Override
        public String settle(Token token, String planId, String handle) {
            log.add("settle " + handle);
            if (settleFailsOnce) {
                settleFailsOnce = false;
                throw new PatkitException("settle broke", ErrorContext.NONE);
            }
            return "h";
        }
    }

    private RotationPlan.Builder plan(SecretStore store, String key) {
        return RotationPlan.builder("p").rotate(forge).newExpiry(LocalDate.of(2027, 1, 1)).storeIn(store, key)
                .journal(journal);
    }

    @Test
    void aStoreDirectoryThatCannotBeCreated_stopsTheRotationBeforeTheForge() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        FileSecretStore store = new FileSecretStore(dir.resolve("file/secrets"));
        assertThatThrownBy(() -> plan(store, "ci").build().run()).isInstanceOf(ValidationException.class)
                .hasMessage("Nothing was changed: The secret store directory " + dir.resolve("file/secrets")
                        + " cannot be created: " + dir.resolve("file") + " is not a directory; choose another path.");
        assertThat(forge.calls).isZero();
        assertThat(journal.entries("p")).isEmpty();
    }

    @Test
    void aStoreFileThatIsADirectory_orAHolderThatFailsItsCheck_changesNothing() throws Exception {
        Files.createDirectories(dir.resolve("ci"));
        assertThatThrownBy(() -> plan(new FileSecretStore(dir), "ci").build().run())
                .isInstanceOf(ValidationException.class).hasMessageContaining("is a directory");
        SettlingHolder holder = new SettlingHolder();
        holder.checkFails = new NotFoundException("servicestage: there is no authorization named 'x' to replace",
                ErrorContext.NONE);
        assertThatThrownBy(() -> plan(new FileSecretStore(dir), "ok").replaceIn(holder).build().run())
                .isInstanceOf(ValidationException.class)
                .hasMessage("Nothing was changed: servicestage: there is no authorization named 'x' to replace");
        assertThat(holder.log).containsExactly("check");
        assertThat(forge.calls).isZero();
        assertThat(journal.entries("p")).isEmpty();
    }

    @Test
    void aRefusedSecret_isKeptInTheRescueStore_andAnotherProcessFinishes() throws Exception {
        SecretStore flaky = new SecretStore() {
            private final InMemorySecretStore inner = new InMemorySecretStore();
            private boolean failed;

            @Override
            public void put(String key, Token token) {
                if (!failed) {
                    failed = true;
                    throw new PatkitException("disk full", ErrorContext.NONE);
                }
                inner.put(key, token);
            }

            @Override
            public Optional<Token> get(String key) {
                return inner.get(key);
            }
        };
        FileSecretStore rescue = new FileSecretStore(dir);
        Path kept = dir.resolve("p.secret");
        assertThatThrownBy(() -> plan(flaky, "ci").rescueIn(rescue, "p.secret").build().run())
                .isInstanceOfSatisfying(TokenDeliveryFailedException.class, e -> {
                    assertThat(e.newTokenId()).isEqualTo("43");
                    assertThat(e.keptAt()).contains(kept.toString());
                    assertThat(e.getMessage()).contains("new token 43").contains("its secret is kept in " + kept)
                            .doesNotContain(forge.secrets.get(0));
                });
        assertThat(Files.readString(kept).strip()).isEqualTo(forge.secrets.get(0));
        assertThat(Files.getPosixFilePermissions(kept)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // A new plan object (another process) with the same journal takes the secret from the rescue file.
        RotationResult result = plan(flaky, "ci").rescueIn(rescue, "p.secret").build().run();
        assertThat(result.resumed()).isTrue();
        assertThat(flaky.get("ci").orElseThrow().reveal()).isEqualTo(forge.secrets.get(0));
        assertThat(kept).doesNotExist();
        assertThat(forge.calls).isEqualTo(1);
    }

    @Test
    void holdersSettleAfterRetire_andAResumedPlanSettlesWithoutRetiringAgain() {
        SettlingHolder holder = new SettlingHolder();
        holder.settleFailsOnce = true;
        InMemorySecretStore store = new InMemorySecretStore();
        assertThatThrownBy(() -> plan(store, "ci").replaceIn(holder).build().run()).isInstanceOfSatisfying(
                RotationException.class, e -> assertThat(e.step()).isEqualTo(RotationEvent.Step.RETIRE));
        RotationResult result = plan(store, "ci").replaceIn(holder).build().run();
        assertThat(holder.log).containsExactly("check", "install", "verify h-tmp", "retire", "settle h-tmp",
                "settle h-tmp");
        assertThat(result.handles()).containsEntry("h", "h");
        assertThat(forge.calls).isEqualTo(1);
    }
}
