package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.patkit.core.Authorization;
import dev.patkit.core.TokenQuery;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagingTest extends GitLabTestSupport {

    private static final String PATS = API + "/personal_access_tokens";

    /** Five pages of 100 tokens with GitLab's Link and x-* headers; the last page has neither next link nor x-next-page. */
    @BeforeEach
    void stubFivePages() {
        for (int page = 1; page <= 5; page++) {
            String body = page(page);
            ResponseDefinitionBuilder r = okJson(body).withHeader("x-page", String.valueOf(page))
                    .withHeader("x-per-page", "100").withHeader("x-total", "500").withHeader("x-total-pages", "5")
                    .withHeader("x-next-page", page < 5 ? String.valueOf(page + 1) : "");
            if (page < 5) {
                r = r.withHeader("Link", "<" + wm.baseUrl() + PATS + "?page=" + (page + 1) + "&per_page=100>; rel=\"next\", <"
                        + wm.baseUrl() + PATS + "?page=1&per_page=100>; rel=\"first\"");
            }
            if (page == 1) {
                wm.stubFor(get(urlPathEqualTo(PATS)).withQueryParam("per_page", equalTo("100"))
                        .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent()).willReturn(r));
            } else {
                wm.stubFor(get(urlPathEqualTo(PATS)).withQueryParam("page", equalTo(String.valueOf(page))).willReturn(r));
            }
        }
    }

    private static String page(int page) {
        return IntStream.range(0, 100)
                .mapToObj(i -> "{\"id\":" + ((page - 1) * 100 + i + 1) + ",\"name\":\"t\",\"revoked\":false,\"active\":true,"
                        + "\"scopes\":[\"read_api\"],\"user_id\":1,\"created_at\":\"2025-01-01T00:00:00.000Z\",\"expires_at\":\"2026-06-01\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void list_limitedTo150_neverRequestsPage3() {
        List<Authorization> first150 = client.tokens().list(TokenQuery.all()).limit(150).toList();

        assertThat(first150).hasSize(150);
        assertThat(first150.get(149).tokenId()).contains("150");
        wm.verify(1, getRequestedFor(urlPathEqualTo(PATS)).withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent()));
        wm.verify(1, getRequestedFor(urlPathEqualTo(PATS)).withQueryParam("page", equalTo("2")));
        wm.verify(0, getRequestedFor(urlPathEqualTo(PATS)).withQueryParam("page", equalTo("3")));
        assertThat(wm.getAllServeEvents()).hasSize(2);
    }

    @Test
    void list_isLazy_noRequestUntilConsumed() {
        var stream = client.tokens().list(TokenQuery.all());
        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(stream.findFirst()).isPresent();
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void list_consumedFully_followsAllFivePagesThenStops() {
        List<Authorization> all = client.tokens().list(TokenQuery.all()).toList();

        assertThat(all).hasSize(500);
        assertThat(all).extracting(a -> a.tokenId().orElseThrow()).doesNotHaveDuplicates().contains("1", "500");
        assertThat(wm.getAllServeEvents()).hasSize(5);
    }
}
