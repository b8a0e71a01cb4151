package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.Capability;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, list, get, rotate and revoke have no AtomGit API: each says what a person does instead. */
class UnsupportedOperationsTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()));

    private static final URI LINK = URI.create("https://atomgit.com/setting/token-classic");

    /** A client of the harness's forge: none of these operations may send it a request. */
    private static ProviderClient client() {
        return forge.patkit().client("atomgit", forge.baseUri(), Token.of(forge.canary()));
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

    @Test
    void everyFamilyOperation_failsAlikeInBothViews_beforeAnyRequest_withTheTokenPage() {
        ProviderClient c = client();
        TokenSpec spec = new TokenSpec("ci", Optional.empty(), List.of("repo"), Optional.empty(), Optional.empty());
        Map<Capability, Throwable> blocking = new EnumMap<>(Capability.class);
        blocking.put(Capability.CREATE, catchThrowable(() -> c.tokens().create(spec)));
        blocking.put(Capability.GET, catchThrowable(() -> c.tokens().get("1")));
        blocking.put(Capability.ROTATE, catchThrowable(() -> c.tokens().rotate("1", LocalDate.of(2027, 1, 1))));
        blocking.put(Capability.REVOKE, catchThrowable(() -> c.tokens().revoke("1")));
        Map<Capability, CompletableFuture<?>> async = new EnumMap<>(Capability.class);
        async.put(Capability.CREATE, c.async().tokens().create(spec));
        async.put(Capability.GET, c.async().tokens().get("1"));
        async.put(Capability.ROTATE, c.async().tokens().rotate("1", LocalDate.of(2027, 1, 1)));
        async.put(Capability.REVOKE, c.async().tokens().revoke("1"));

        blocking.forEach((capability, thrown) -> {
            UnsupportedCapabilityException e = unsupported(thrown, capability);
            assertThat(async.get(capability)).isCompletedExceptionally();
            assertThat(catchThrowable(() -> Futures.join(async.get(capability))))
                    .isInstanceOf(UnsupportedCapabilityException.class).hasMessage(e.getMessage());
        });
        assertThat(c.capabilities()).doesNotContain(Capability.LIST, Capability.GET, Capability.CREATE,
                Capability.ROTATE, Capability.REVOKE);
        assertThat(c.tokens().capabilities()).isEmpty();
        forge.wm().verify(0, anyRequestedFor(anyUrl()));
    }
}
