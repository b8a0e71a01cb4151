package dev.patkit.servicestage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.patkit.core.ServerException;
import dev.patkit.core.Token;
import dev.patkit.core.rotation.RotationEvent;
import dev.patkit.core.rotation.RotationEvent.Outcome;
import dev.patkit.core.rotation.RotationEvent.Step;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code replace()} runs the holder's install, verify and retire steps (the flow of a rotation
 * plan) and reports them in the rotation's events: exactly create, verify, delete on the wire.
 */
class ReplaceThroughHolderTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/v1/proj1");

    private static final String AUTHS = "/v1/proj1/git/auths";
    private static final String NAMESPACES = "/v1/proj1/git/repos/namespaces";

    private final String forgeToken = Canary.githubClassic();
    private ServiceStageClient client;

    @BeforeEach
    void setUp() {
        client = forge.client("servicestage", ServiceStageClient.class);
    }

    @AfterEach
    void noLeaks() {
        Leaks.assertNotLogged(forgeToken);
    }

    private PersonalAuthorization replacement() {
        return PersonalAuthorization.of("token2", RepoType.GITHUB, Token.of(forgeToken));
    }

    /** The requests the forge received, oldest first, as "METHOD path". */
    private static List<String> requests() {
        return forge.wm().getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(ServeEvent::getRequest).map(r -> r.getMethod() + " " + r.getUrl()).collect(Collectors.toList());
    }

    private static List<Object> steps(ReplaceReport report) {
        return report.events().stream().filter(e -> e.outcome() != Outcome.STARTED)
                .map(e -> tuple(e.step(), e.outcome(), e.target(), e.detail())).collect(Collectors.toList());
    }

    private void stubCreate() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(
                okJson(Fixtures.read(getClass(), "create-personal-token1.json").replace("token1", "token2"))));
    }

    @Test
    void replace_sendsCreateVerifyDelete_inThatOrder_andReportsTheHolderSteps() {
        stubCreate();
        forge.wm().stubFor(get(NAMESPACES).willReturn(okJson("{\"namespaces\":[{\"id\":\"1\",\"name\":\"tom-repo\"}]}")));
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(204)));

        ReplaceReport report = client.replace("token1", replacement());

        assertThat(requests()).containsExactly("POST " + AUTHS + "/github/personal", "GET " + NAMESPACES,
                "DELETE " + AUTHS + "/token1");
        forge.wm().verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(AUTHS + "/github/personal"))
                .withRequestBody(equalToJson("{\"name\":\"token2\",\"token\":\"" + forgeToken + "\"}")));
        forge.wm().verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(NAMESPACES)).withHeader("X-Repo-Auth", equalTo("token2")));
        assertThat(report.events()).extracting(RotationEvent::step).containsExactly(Step.INSTALL, Step.INSTALL,
                Step.VERIFY, Step.VERIFY, Step.RETIRE, Step.RETIRE);
        assertThat(steps(report)).containsExactly(
                tuple(Step.INSTALL, Outcome.DONE, "servicestage:token1", "token2"),
                tuple(Step.VERIFY, Outcome.DONE, "servicestage:token1", "token2"),
                tuple(Step.RETIRE, Outcome.DONE, "servicestage:token1", ""));
        assertThat(report.succeeded()).isTrue();
        assertThat(report.created()).isTrue();
        assertThat(report.verified()).isTrue();
        assertThat(report.oldKept()).isFalse();
        assertThat(report.failure()).isEmpty();
        assertThat(report.failedStep()).isEmpty();
        assertThat(report.events()).allSatisfy(e -> assertThat(e.planId()).isEqualTo("replace-token2"));
    }

    @Test
    void replace_verifyFails_oldStaysInPlace_newIsDeletedAgain() {
        stubCreate();
        forge.wm().stubFor(get(NAMESPACES).willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"SVCSTG.REPO.0451\",\"error_msg\":\"repository authorization invalid\"}")));
        forge.wm().stubFor(delete(AUTHS + "/token2").willReturn(aResponse().withStatus(204)));

        ReplaceReport report = client.replace("token1", replacement());

        assertThat(requests()).containsExactly("POST " + AUTHS + "/github/personal", "GET " + NAMESPACES,
                "DELETE " + AUTHS + "/token2");
        assertThat(report.succeeded()).isFalse();
        assertThat(report.oldKept()).isTrue();
        assertThat(report.created()).isFalse();
        assertThat(report.failure()).containsInstanceOf(RepoAuthorizationException.class);
        assertThat(report.failedStep()).map(RotationEvent::step).contains(Step.VERIFY);
        assertThat(steps(report)).extracting(t -> ((org.assertj.core.groups.Tuple) t).toList().subList(0, 3)).containsExactly(
                List.of(Step.INSTALL, Outcome.DONE, "servicestage:token1"),
                List.of(Step.VERIFY, Outcome.FAILED, "servicestage:token1"),
                List.of(Step.RETIRE, Outcome.DONE, "servicestage:token2"));
        assertThat(report.toString()).doesNotContain(forgeToken);
    }

    @Test
    void replace_createAnswerLost_isReconciledByListing_thenVerifiedAndTheOldDeleted() {
        forge.wm().stubFor(post(AUTHS + "/github/personal").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json")
                .replace("\"gitlab-old\"", "\"token2\""))));
        forge.wm().stubFor(get(NAMESPACES).willReturn(okJson("{\"namespaces\":[]}")));
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(204)));

        ReplaceReport report = client.replace("token1", replacement());

        assertThat(requests()).containsExactly("POST " + AUTHS + "/github/personal", "GET " + AUTHS, "GET " + NAMESPACES,
                "DELETE " + AUTHS + "/token1");
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    void replace_oldDeleteFails_andOldIsStillListed_reportsTheFailure_bothKept() {
        stubCreate();
        forge.wm().stubFor(get(NAMESPACES).willReturn(okJson("{\"namespaces\":[]}")));
        forge.wm().stubFor(delete(AUTHS + "/token1").willReturn(aResponse().withStatus(500)));
        forge.wm().stubFor(get(AUTHS).willReturn(okJson(Fixtures.read(getClass(), "list-authorizations.json"))));

        ReplaceReport report = client.replace("token1", replacement());

        // A DELETE is idempotent: the pipeline's retries of the 500 come first, then the list settles it.
        assertThat(requests()).containsExactly("POST " + AUTHS + "/github/personal", "GET " + NAMESPACES,
                "DELETE " + AUTHS + "/token1", "DELETE " + AUTHS + "/token1", "DELETE " + AUTHS + "/token1", "GET " + AUTHS);
        assertThat(report.oldKept()).isTrue();
        assertThat(report.created()).isTrue();
        assertThat(report.verified()).isTrue();
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).containsInstanceOf(ServerException.class);
        assertThat(report.failedStep()).map(RotationEvent::step).contains(Step.RETIRE);
    }
}
