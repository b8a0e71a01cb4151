package dev.patkit.servicestage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.MapOutgoingRequest;
import dev.patkit.servicestage.AccessKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Patkit's {@code SDK-HMAC-SHA256} signatures against Huawei Cloud's own signer
 * ({@code com.huaweicloud.sdk:huaweicloud-sdk-core}, a test-scope oracle only), on a table of
 * requests: paths with escapes and {@code :}, queries with repeats, empty values, reserved
 * characters and a literal {@code +}, explicit ports (default ones included), JSON, non-JSON and no
 * bodies, a security token, an explicit {@code Host}, a lower-case method.
 *
 * <p>Follows reference {@code atomgit-servicestage.md}, "B.8 AK/SK signing, exact algorithm", and
 * "Part D: Pitfalls" item 11 (sign exactly what the JDK client sends).
 *
 * <p>Each row is compared twice:
 * <ol>
 *   <li>the signer: the official {@code BasicCredentials} adds its headers ({@code X-Project-Id},
 *       {@code X-Security-Token}, {@code X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD} for a body that is
 *       not JSON) and signs; Patkit's {@link AkSkSigner} signs the same method, URL, headers and
 *       body, and must produce the same {@code Authorization};</li>
 *   <li>the authenticator, as Patkit's client uses it: starting from the request before
 *       authentication, Patkit's AK/SK authenticator adds its headers and signs the {@code Host}
 *       the JDK client sends; the official signer, given that same {@code Host} explicitly, must
 *       agree on every added header and on the {@code Authorization}.</li>
 * </ol>
 */
class OfficialSignerComparisonTest {

    private static final String AK = "HPUAEXAMPLEAK000000000";
    private static final String SK = "ExampleSecretKey0000000000000000000000000";
    private static final String PROJECT = "0123456789abcdef0123456789abcdef";
    private static final String DATE = "20260101T000000Z";
    private static final String HOST = "https://servicestage.cn-north-4.myhuaweicloud.com";

    /**
     * One request of the table.
     *
     * @param name what it exercises
     * @param method the method as given
     * @param endpoint scheme and authority, as the caller wrote them
     * @param path the raw (encoded) path
     * @param query query parameters, decoded, in order
     * @param contentType the Content-Type, or null for none
     * @param body the body, or null for none
     * @param securityToken a temporary credential's security token, or null
     */
    record Row(String name, String method, String endpoint, String path, Map<String, List<String>> query,
            String contentType, String body, String securityToken) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String JSON = "application/json;charset=utf8";
    private static final String BODY = "{\"name\":\"my-auth\",\"token\":\"ghp_xxx\",\"host\":\"https://gitlab.example.com\"}";

    static Stream<Row> table() {
        String auths = "/v1/" + PROJECT + "/git/auths";
        return Stream.of(
                new Row("list: GET, JSON content type, no body", "GET", HOST, auths, Map.of(), JSON, null, null),
                new Row("delete: no content type at all", "DELETE", HOST, auths + "/ci-github", Map.of(), null, null, null),
                new Row("create: POST with a JSON body", "POST", HOST, auths + "/github/personal", Map.of(), JSON, BODY, null),
                new Row("create: application/json without charset", "POST", HOST, auths + "/gitlab/personal", Map.of(),
                        "application/json", BODY, null),
                new Row("non-JSON body: text/plain", "PUT", HOST, "/v1/" + PROJECT + "/git/files/ns/proj/README.md",
                        Map.of(), "text/plain", "hello, world\n", null),
                new Row("non-JSON body: form", "POST", HOST, auths + "/github/oauth", Map.of(),
                        "application/x-www-form-urlencoded", "name=a&code=b+c", null),
                new Row("non-JSON content type, no body", "DELETE", HOST, auths + "/x", Map.of(), "text/plain", null, null),
                new Row("JSON body with non-ASCII text", "POST", HOST, auths + "/gitee/personal", Map.of(), JSON,
                        "{\"name\":\"n\u00e4me-\u4e2d\u6587\",\"token\":\"t\"}", null),
                new Row("path: ':' raw (a '/' in a project name, B.3)", "GET", HOST,
                        "/v1/" + PROJECT + "/git/repos/group:sub:proj/branches", Map.of(), JSON, null, null),
                new Row("path: escapes %2F, %20 and %3A stay escaped and are encoded again", "GET", HOST,
                        "/v1/" + PROJECT + "/git/files/ns/a%2Fb%20c%3Ad/x.txt", Map.of(), JSON, null, null),
                new Row("path: reserved but legal characters * ~ ! $ ' ( ) , ; = @", "GET", HOST,
                        "/v1/" + PROJECT + "/git/files/ns/p/a*b~c!d$e'f(g),h;i=j@k", Map.of(), JSON, null, null),
                new Row("path: trailing slash and an interior empty segment", "GET", HOST,
                        "/v1/" + PROJECT + "//git/auths/", Map.of(), JSON, null, null),
                new Row("path: root", "GET", HOST, "/", Map.of(), JSON, null, null),
                new Row("query: tag", "GET", HOST, auths + "/github/redirect", Map.of("tag", List.of("cn-north-4")),
                        JSON, null, null),
                new Row("query: repeated keys, out of order", "GET", HOST, auths, ordered("b", List.of("2"), "a",
                        List.of("3", "1"), "c", List.of("z")), JSON, null, null),
                new Row("query: empty values", "GET", HOST, auths, ordered("flag", List.of(""), "tag", List.of("x"),
                        "empty", List.of("")), JSON, null, null),
                new Row("query: reserved characters", "GET", HOST, "/v1/" + PROJECT + "/git/repos/project-info",
                        Map.of("clone_url", List.of("https://user-name@github.com/user-name/demo.git?x=1&y=[2]#f")),
                        JSON, null, null),
                new Row("query: a literal plus, a space, * and ~", "GET", HOST, auths,
                        ordered("q", List.of("a+b c*d~e"), "plus", List.of("+")), JSON, null, null),
                new Row("query: non-ASCII value", "GET", HOST, auths, Map.of("q", List.of("\u4e2d\u6587")), JSON, null, null),
                new Row("port: explicit default https :443", "GET", HOST + ":443", auths, Map.of(), JSON, null, null),
                new Row("port: explicit default http :80", "GET", "http://127.0.0.1:80", auths, Map.of(), JSON, null, null),
                new Row("port: explicit non-default", "POST", "https://10.1.2.3:8443", auths + "/github/personal", Map.of(),
                        JSON, BODY, null),
                new Row("port: loopback http with a port", "DELETE", "http://localhost:18080", auths + "/ci-gitlab",
                        Map.of(), JSON, null, null),
                new Row("temporary credentials: security token", "POST", HOST, auths + "/github/personal", Map.of(), JSON,
                        BODY, "SecurityTokenExample0000"),
                new Row("lower-case method", "get", HOST, auths, Map.of("tag", List.of("t")), JSON, null, null),
                new Row("lower-case method with a body", "post", HOST, auths + "/github/personal", Map.of(), JSON, BODY,
                        null));
    }

    private static Map<String, List<String>> ordered(Object... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) pairs[i + 1];
            m.put((String) pairs[i], values);
        }
        return m;
    }

    /** The request before authentication, in the official SDK's model, optionally with an explicit Host. */
    private static HttpRequest official(Row row, String explicitHost) {
        HttpRequest.HttpRequestBuilder b = HttpRequest.newBuilder()
                .withMethod(HttpMethod.valueOf(row.method().toUpperCase(java.util.Locale.ROOT)))
                .withEndpoint(row.endpoint())
                .withPath(row.path())
                .withContentType(row.contentType());
        row.query().forEach(b::addQueryParam);
        if (row.body() != null) {
            b.withBodyAsString(row.body());
        }
        b.addHeader("X-Sdk-Date", DATE);
        if (explicitHost != null) {
            b.addHeader("Host", explicitHost);
        }
        return b.build();
    }

    private static HttpRequest officiallySigned(Row row, String explicitHost) {
        BasicCredentials credentials = new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT);
        if (row.securityToken() != null) {
            credentials.withSecurityToken(row.securityToken());
        }
        return credentials.syncProcessAuthRequest(official(row, explicitHost), null);
    }

    private static URI uri(HttpRequest request) {
        try {
            return request.getUrl().toURI();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] body(Row row) {
        return row.body() == null ? new byte[0] : row.body().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void signer_matchesTheOfficialSigner_onTheSameRequest(Row row) {
        HttpRequest signed = officiallySigned(row, null);
        Map<String, String> headers = new LinkedHashMap<>();
        // The official signer returns the Host it signed as a header of its own; it was not an input.
        assertThat(signed.getHeader("Host")).isEqualTo(signed.getUrl().getAuthority());
        signed.getHeaders().forEach((name, values) -> {
            if (!name.equals("Authorization") && !name.equals("Host")) {
                headers.put(name, values.get(0));
            }
        });

        String patkit = new AkSkSigner(AK, SK).authorization(row.method(), uri(signed), headers, body(row), DATE);

        assertThat(patkit).isEqualTo(signed.getHeader("Authorization"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void authenticator_addsWhatTheOfficialSdkAdds_andSignsTheHostTheJdkSends(Row row) {
        URI uri = uri(official(row, null));
        String sentHost = AkSkSigner.hostHeader(uri);
        HttpRequest signed = officiallySigned(row, sentHost);
        MapOutgoingRequest request = new MapOutgoingRequest(row.method(), uri, body(row));
        if (row.contentType() != null) {
            request.header("Content-Type", row.contentType());
        }
        AccessKey key = AccessKey.of(AK, SK);
        if (row.securityToken() != null) {
            key = key.withSecurityToken(row.securityToken());
        }
        var authenticator = Authenticators.akSk(key, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                () -> PROJECT);

        if (!row.method().equals(row.method().toUpperCase(java.util.Locale.ROOT))) {
            // The JDK sends the method as written; the official signer signs it upper-cased: refused.
            assertThatThrownBy(() -> authenticator.authenticate(request)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("upper-case HTTP method");
            return;
        }
        authenticator.authenticate(request);

        Map<String, String> official = new LinkedHashMap<>();
        signed.getHeaders().forEach((name, values) -> {
            if (!name.equals("Host")) {
                official.put(name, values.get(0));
            }
        });
        assertThat(request.headers()).containsExactlyInAnyOrderEntriesOf(official);
    }

    @Test
    void explicitDefaultPort_theOfficialSignerSignsItAsWritten_theJdkLeavesItOut() {
        Row row = table().filter(r -> r.name().startsWith("port: explicit default https")).findFirst().orElseThrow();
        HttpRequest asWritten = officiallySigned(row, null);
        HttpRequest asSent = officiallySigned(row, "servicestage.cn-north-4.myhuaweicloud.com");

        assertThat(asWritten.getHeader("Authorization")).isNotEqualTo(asSent.getHeader("Authorization"));
        assertThat(new AkSkSigner(AK, SK).authorization("GET", uri(asWritten), Map.of("X-Sdk-Date", DATE,
                "X-Project-Id", PROJECT), new byte[0], DATE)).isEqualTo(asWritten.getHeader("Authorization"));
        assertThat(AkSkSigner.hostHeader(uri(asWritten))).isEqualTo("servicestage.cn-north-4.myhuaweicloud.com");
    }

    /** A request that sets its own Host (a client that may) is signed with that Host, as the official signer does. */
    @Test
    void authenticator_signsAHostTheRequestSetsItself() {
        Row row = table().filter(r -> r.name().startsWith("create: POST with a JSON body")).findFirst().orElseThrow();
        URI uri = uri(official(row, null));
        MapOutgoingRequest request = new MapOutgoingRequest("POST", uri, body(row));
        request.header("Content-Type", JSON);
        request.header("Host", "gateway.internal.example:8443");

        Authenticators.akSk(AccessKey.of(AK, SK), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                () -> PROJECT).authenticate(request);

        HttpRequest signed = officiallySigned(row, "gateway.internal.example:8443");
        assertThat(request.headers().get("Authorization")).isEqualTo(signed.getHeader("Authorization"))
                .isNotEqualTo(officiallySigned(row, AkSkSigner.hostHeader(uri)).getHeader("Authorization"));
    }
}
