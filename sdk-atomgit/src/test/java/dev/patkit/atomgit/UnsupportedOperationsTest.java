package dev.patkit.atomgit;

import dev.patkit.core.testing.ProviderHarness;
import dev.patkit.core.testing.Fixtures;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.PatkitOptions;
import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.Capability;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.RecordingSleeper;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create, list, get, rotate and revoke have no AtomGit API: each says what a person does instead. */
class UnsupportedOperationsTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()));

    private static final URI LINK = URI.create("https://atomgit.com/setting/token-classic");

    /** A client of the public host: none of these operations may send a request. */
    private static ProviderClient client() {
        return forge.patkit().client("atomgit", Token.of(forge.canary()));
    }

    private static UnsupportedCapabilityException unsupported(Throwable t, Capability capability) {
        assertThat(t).isInstanceOf(UnsupportedCapabilityException.class);
        UnsupportedCapabilityException e = (UnsupportedCapabilityException) t;
        assertThat(e.capability()).isEqualTo(capability);
        assertThat(e.link()).contains(LINK);
        assertThat(e.getMessage()).startsWith("atomgit cannot " + capability.describe() + " through its API.")
                .endsWith(LINK.toString());
        assertThat(e.provider()).isEqualTo("atomgit");
        return e;
    }

    @Test
    void capabilities_areInspectGitCredentialsAndAuthenticateOnly() {
        assertThat(client().capabilities()).containsExactlyInAnyOrder(Capability.INSPECT, Capability.GIT_CREDENTIALS,
                Capability.AUTHENTICATE_REQUESTS);
    }

    @Test
    void create_carriesTheLinkTheStepsAndWhatToFillIn() {
        TokenSpec spec = new TokenSpec("release-bot", Optional.empty(), List.of("repo", "workflow"),
                Optional.of(LocalDate.of(2027, 3, 1)), Optional.empty());

        UnsupportedCapabilityException e = unsupported(catchThrowable(() -> client().tokens().create(spec)), Capability.CREATE);

        assertThat(e.hint()).contains("Personal Settings > Access Keys").contains("shown only once")
                .contains("RecordedToken").contains("name 'release-bot'").contains("scopes [repo, workflow]")
                .contains("expiry date 2027-03-01");
    }

    @Test
    void createAsync_failsTheFutureRatherThanThrowing() {
        TokenSpec spec = new TokenSpec("x", Optional.empty(), List.of(), Optional.empty(), Optional.empty());

        var future = client().async().tokens().create(spec);

        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnsupportedCapabilityException.class);
    }

    @Test
    void create_withUnknownScope_isRejectedFirstListingTheValidOnes() {
        TokenSpec spec = new TokenSpec("x", Optional.empty(), List.of("api", "repo"), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> client().tokens().create(spec)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("[api]").hasMessageContaining("admin:ssh_signing_key");
    }

    @Test
    void create_withBlankNameOrForAnotherUser_isRejected() {
        assertThatThrownBy(() -> client().tokens().create(new TokenSpec(" ", Optional.empty(), List.of(), Optional.empty(),
                Optional.empty()))).isInstanceOf(ValidationException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> client().tokens().create(new TokenSpec("x", Optional.empty(), List.of(), Optional.empty(),
                Optional.of("someone")))).isInstanceOf(ValidationException.class).hasMessageContaining("owner");
    }

    @Test
    void revoke_saysToUseTheDeleteButton() {
        UnsupportedCapabilityException e = unsupported(catchThrowable(() -> client().tokens().revoke("self")), Capability.REVOKE);

        assertThat(e.hint()).contains("Delete");
    }

    @Test
    void rotate_saysToCreateASuccessorThenDeleteTheOldToken() {
        UnsupportedCapabilityException e = unsupported(catchThrowable(() -> client().tokens().rotate("self")),
                Capability.ROTATE);

        assertThat(e.hint()).contains("shown only once").contains("Delete");
    }

    @Test
    void listAndGet_pointToTheTokenPage() {
        unsupported(catchThrowable(() -> client().tokens().list(TokenQuery.all())), Capability.LIST);
        unsupported(catchThrowable(() -> client().tokens().get("1")), Capability.GET);
    }

    @Test
    void unsupportedExceptions_neverContainTheToken() {
        Leaks.assertNotIn(catchThrowable(() -> client().tokens().revoke(forge.canary())), forge.canary());
        Leaks.assertNotIn(catchThrowable(() -> client().tokens().rotate(forge.canary())), forge.canary());
        assertThat(client().toString()).doesNotContain(forge.canary());
    }

    @Test
    void tokenPage_followsTheHost() {
        assertThat(client().unwrap(AtomGitClient.class).tokenPage()).isEqualTo(LINK);
        assertThat(forge.patkit().client("atomgit", URI.create("https://api.gitcode.com/api/v5"), Token.of(forge.canary()))
                .unwrap(AtomGitClient.class).tokenPage()).isEqualTo(URI.create("https://gitcode.com/setting/token-classic"));
        assertThat(forge.patkit().client("atomgit", URI.create("https://api.git.example.org/api/v5"), Token.of(forge.canary()))
                .unwrap(AtomGitClient.class).tokenPage())
                .isEqualTo(URI.create("https://git.example.org/setting/token-classic"));
        assertThat(forge.patkit().client("atomgit", URI.create("http://127.0.0.1:8080/api/v5"), Token.of(forge.canary()))
                .unwrap(AtomGitClient.class).tokenPage()).isEqualTo(LINK);
    }
}
