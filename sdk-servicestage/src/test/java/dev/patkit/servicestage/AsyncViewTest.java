package dev.patkit.servicestage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.ConflictException;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code client.async()} gives exactly what the blocking calls give: the same values, the same exceptions. */
class AsyncViewTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/v1/proj1");

    private static final String AUTHS = "/v1/proj1/git/auths";

    private final String forgeToken = Canary.githubClassic();
    private ServiceStageClient client;
    private AsyncServiceStageClient async;

    @BeforeEach
    void setUp() {
        client = forge.client("servicestage", ServiceStageClient.class);
        async = client.async();
    }

    @AfterEach
    void noLeaks() {
        Leaks.assertNotLogged(forgeToken);
    }

    /** The failure of a blocking call and of the future of the same call. */
    private static Throwable[] failures(Runnable blocking, Supplier<CompletableFuture<?>> future) {
        Throwable b = catchThrowable(blocking::run);
        CompletableFuture<?> f = future.get(); // must not throw: a refused input is a failed future
        Throwable a = catchThrowable(() -> Futures.join(f));
        assertThat(f).isCompletedExceptionally();
        return new Throwable[] {b, a};
    }

    @Test
    void views_pointAtEachOther() {
        assertThat(async.sync()).isSameAs(client);
        assertThat(client.async()).isSameAs(async);
        assertThat(async.tokens()).isSameAs(client.tokens().async());
    }

    @Test
    void reads_giveEqualValues() {
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))));
        forge.wm().stubFor(get("/v1/proj1/git/repos/namespaces")
                .willReturn(okJson("{\"namespaces\":[{\"id\":\"1\",\"name\":\"tom-repo\"}]}")));
        forge.wm().stubFor(get(urlPathEqualTo(AUTHS + "/gitlab/redirect"))
                .willReturn(okJson("{\"url\":\"https://gitlab.com/oauth/authorize?client_id=abc\"}")));

        assertThat(async.projectId().join()).isEqualTo(client.projectId()).isEqualTo("proj1");
        assertThat(async.listAuthorizations().join()).isEqualTo(client.listAuthorizations()).hasSize(4);
        assertThat(async.find("token1").join()).isEqualTo(client.find("token1")).isPresent();
        assertThat(async.find("nope-nope").join()).isEqualTo(client.find("nope-nope")).isEmpty();
        assertThat(async.verify("token1").join()).isEqualTo(client.verify("token1")).containsExactly("tom-repo");
        assertThat(async.oauthRedirectUrl(RepoType.GITLAB).join()).isEqualTo(client.oauthRedirectUrl(RepoType.GITLAB))
                .isEqualTo(URI.create("https://gitlab.com/oauth/authorize?client_id=abc"));
        assertThat(async.inspect().join().status()).isEqualTo(client.inspect().status());
        assertThat(async.tokens().get("token1").join()).isEqualTo(client.tokens().get("token1"));
    }

    @Test
    void writes_giveEqualValues() {
        forge.wm().stubFor(post(AUTHS + "/github/personal")
                .willReturn(okJson(Fixtures.read(getClass(), "create-personal-token1.json"))));
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(204)));
        PersonalAuthorization request = PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken));

        assertThat(async.createPersonal(request).join()).isEqualTo(client.createPersonal(request));
        assertThat(async.delete("token1").join()).isNull();
        client.delete("token1");
        forge.wm().verify(2, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(AUTHS + "/token1")));
    }

    @Test
    void serverErrors_areTheSameExceptions() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0403\",\"error_msg\":\"resource already exist\"}")));
        forge.wm().stubFor(get("/v1/proj1/git/repos/namespaces").willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0451\",\"error_msg\":\"repository authorization invalid\"}")));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson("{\"authorizations\":[],\"count\":0}")));
        PersonalAuthorization request = PersonalAuthorization.of("token1", RepoType.GITHUB, Token.of(forgeToken));

        Throwable[] create = failures(() -> client.createPersonal(request), () -> async.createPersonal(request));
        Throwable[] verify = failures(() -> client.verify("token1"), () -> async.verify("token1"));
        Throwable[] get = failures(() -> client.tokens().get("nope-nope"), () -> async.tokens().get("nope-nope"));

        assertThat(create[0]).isInstanceOf(ConflictException.class).hasMessageContaining("SVCSTG.REPO.0403");
        assertThat(create[1]).isInstanceOf(ConflictException.class).hasMessage(create[0].getMessage());
        assertThat(verify[0]).isInstanceOf(RepoAuthorizationException.class);
        assertThat(verify[1]).isInstanceOf(RepoAuthorizationException.class).hasMessage(verify[0].getMessage());
        assertThat(((RepoAuthorizationException) verify[1]).reason())
                .isEqualTo(((RepoAuthorizationException) verify[0]).reason());
        assertThat(get[0]).isInstanceOf(NotFoundException.class).hasMessageContaining("nope-nope");
        assertThat(get[1]).isInstanceOf(NotFoundException.class).hasMessage(get[0].getMessage());
    }

    @Test
    void refusedInput_isAFailedFuture_neverAThrow_andSendsNothing() {
        Token t = Token.of(forgeToken);
        PersonalAuthorization sameName = PersonalAuthorization.of("same-name", RepoType.GITHUB, t);
        Throwable[][] all = {
            failures(() -> client.createPersonal(PersonalAuthorization.of("abc", RepoType.GITHUB, t)),
                    () -> async.createPersonal(PersonalAuthorization.of("abc", RepoType.GITHUB, t))),
            failures(() -> client.createPassword("good-name", RepoType.GITHUB, "u", t),
                    () -> async.createPassword("good-name", RepoType.GITHUB, "u", t)),
            failures(() -> client.oauthRedirectUrl(RepoType.DEVCLOUD), () -> async.oauthRedirectUrl(RepoType.DEVCLOUD)),
            failures(() -> client.completeOAuth(RepoType.GITHUB, "gh-oauth", " ", "s"),
                    () -> async.completeOAuth(RepoType.GITHUB, "gh-oauth", " ", "s")),
            failures(() -> client.delete("a/b/c"), () -> async.delete("a/b/c")),
            failures(() -> client.replace("same-name", sameName), () -> async.replace("same-name", sameName)),
        };

        for (Throwable[] pair : all) {
            assertThat(pair[0]).isInstanceOf(ValidationException.class);
            assertThat(pair[1]).isInstanceOf(ValidationException.class).hasMessage(pair[0].getMessage());
            Leaks.assertNotIn(pair[1], forgeToken);
        }
        assertThat(forge.wm().getAllServeEvents()).isEmpty();
    }
}
