package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The client's token and every new secret stay out of logs, messages, toString() and URLs. */
class CanaryLeakTest extends GitLabTestSupport {

    @Test
    void canary_neverLeaks_acrossSuccessFailureAndLostRotation() {
        String newSecret = Canary.gitlab();
        List<Object> shown = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/self/rotate")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/4242/rotate")).willReturn(okJson(fixture("pat-created.json", newSecret))));
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/1")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Bad Access Token. " + canary + "\"}")));
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/2")).willReturn(aResponse().withStatus(500)
                .withBody("<html>" + canary + "</html>")));
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/3")).willReturn(okJson("{\"id\": \"" + canary)));

        Authorization a = client.inspect();
        shown.add(a);
        shown.add(client);
        shown.add(client.gitCredentials());
        shown.add(client.projectTokens("1"));
        CreatedToken created = client.tokens().rotate("4242", LocalDate.parse("2026-03-01"));
        shown.add(created);
        shown.add(created.authorization());
        shown.add(created.token());
        for (Runnable call : List.<Runnable>of(
                () -> client.tokens().rotate("self"),
                () -> client.tokens().get("1"),
                () -> client.tokens().get("2"),
                () -> client.tokens().get("3"),
                () -> client.tokens().create(TokenSpec.of(canary, List.of("not_a_scope"))))) {
            try {
                call.run();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        try {
            client.tokens().async().rotate("self").join();
        } catch (CompletionException e) {
            errors.add(e);
        }

        assertThat(errors).hasSize(6);
        for (Throwable e : errors) {
            Leaks.assertNotIn(e, canary);
            Leaks.assertNotIn(e, newSecret);
        }
        for (Object o : shown) {
            assertThat(o.toString()).doesNotContain(canary).doesNotContain(newSecret);
        }
        assertThat(a.raw().toString()).doesNotContain(canary);
        Leaks.assertNotLogged(canary);
        Leaks.assertNotLogged(newSecret);
        for (ServeEvent event : wm.getAllServeEvents()) {
            assertThat(event.getRequest().getUrl()).doesNotContain(canary);
            assertThat(event.getRequest().containsHeader("PRIVATE-TOKEN")).isTrue();
        }
        // The sweep means something only if the pipeline did log.
        assertThat(LogCapture.events()).isNotEmpty();
    }

    @Test
    void list_neverPutsTheTokenInTheQuery() {
        wm.stubFor(any(anyUrl()).willReturn(okJson("[]")));

        client.tokens().list(TokenQuery.builder().search("x").build()).toList();

        ServeEvent only = wm.getAllServeEvents().get(0);
        assertThat(only.getRequest().getUrl()).doesNotContain("private_token").doesNotContain(canary);
        assertThat(only.getRequest().getHeader("PRIVATE-TOKEN")).isEqualTo(canary);
    }
}
