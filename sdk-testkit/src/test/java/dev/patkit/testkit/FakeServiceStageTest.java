package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import dev.patkit.testkit.internal.Exchange;
import dev.patkit.testkit.internal.SdkSignature;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FakeServiceStageTest {

    @RegisterExtension
    static final FakeForges forges = FakeForges.create();

    private FakeServiceStage ss;
    private String auths;
    private String iam;

    @BeforeEach
    void seed() {
        forges.gitlab().reset();
        forges.github().reset();
        ss = forges.servicestage();
        ss.reset();
        forges.clock().setNow(Instant.parse("2026-03-01T10:00:00Z"));
        auths = ss.baseUri() + "/v1/" + ss.projectId() + "/git/auths";
        iam = ss.addIamToken().secret();
    }

    private HttpResponse<String> createPersonal(String type, String name, String token) {
        return Http.send("POST", auths + "/" + type + "/personal",
                "{\"name\":\"" + name + "\",\"token\":\"" + token + "\",\"host\":\"https://github.com/tom-repo\"}",
                "X-Auth-Token", iam);
    }

    private HttpResponse<String> namespaces(String name) {
        return Http.get(ss.baseUri() + "/v1/" + ss.projectId() + "/git/repos/namespaces", "X-Auth-Token", iam,
                "X-Repo-Auth", name);
    }

    @Test
    void createListDelete_andXRepoAuth() {
        FakeUser tom = forges.github().addUser("tom-repo", "Tom");
        FakeToken t = forges.github().addToken(tom, "ss", "repo");
        HttpResponse<String> created = createPersonal("github", "token1", t.secret());
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode a = Http.json(created).get("authorization");
        assertThat(a.get("name").asText()).isEqualTo("token1");
        assertThat(a.get("repo_type").asText()).isEqualTo("github");
        assertThat(a.get("repo_host").asText()).isEqualTo("https://api.github.com");
        assertThat(a.get("repo_home").asText()).isEqualTo("https://github.com/tom-repo");
        assertThat(a.get("repo_user").asText()).isEqualTo("tom-repo");
        assertThat(a.get("avartar").asText()).startsWith("https://avatars.githubusercontent.com/u/");
        assertThat(a.get("token_type").asText()).isEqualTo("personal");
        assertThat(a.get("create_time").asLong()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
        assertThat(a.get("update_time").asLong()).isEqualTo(a.get("create_time").asLong());
        assertThat(a.get("status").asInt()).isZero();
        assertThat(a.has("tag")).isFalse();
        assertThat(a.has("token")).isFalse();

        HttpResponse<String> dup = createPersonal("github", "token1", t.secret());
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(Http.json(dup).get("error_code").asText()).isEqualTo("SVCSTG.REPO.0403");

        HttpResponse<String> list = Http.get(auths, "X-Auth-Token", iam);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Http.json(list).get("count").asInt()).isEqualTo(1);
        assertThat(Http.json(list).at("/authorizations/0/tag").isNull()).isTrue();

        HttpResponse<String> ns = namespaces("token1");
        assertThat(ns.statusCode()).isEqualTo(200);
        assertThat(Http.json(ns).at("/namespaces/0/name").asText()).isEqualTo("tom-repo");
        assertThat(Http.json(namespaces("nope")).get("error_code").asText()).isEqualTo("SVCSTG.REPO.0450");
        HttpResponse<String> noHeader = Http.get(ss.baseUri() + "/v1/" + ss.projectId() + "/git/repos/namespaces",
                "X-Auth-Token", iam);
        assertThat(Http.json(noHeader).get("error_code").asText()).isEqualTo("SVCSTG.REPO.0450");

        assertThat(Http.send("DELETE", auths + "/token1", null, "X-Auth-Token", iam).statusCode()).isEqualTo(204);
        assertThat(Http.json(Http.get(auths, "X-Auth-Token", iam)).get("count").asInt()).isZero();
        assertThat(ss.authorizationNames(ss.projectId())).isEmpty();
    }

    @Test
    void linkedGitLabToken_revokedOrExpired_changesTheStatus() {
        FakeUser alice = forges.gitlab().addUser("alice", "Alice");
        FakeToken expiring = forges.gitlab().addToken(TokenSeed.named("e").owner(alice).scopes("api")
                .expiresOn(LocalDate.parse("2026-03-10")));
        FakeToken revoked = forges.gitlab().addToken(alice, "r", "api");
        assertThat(createPersonal("gitlab", "expiring", expiring.secret()).statusCode()).isEqualTo(200);
        HttpResponse<String> r = createPersonal("gitlab", "revoked", revoked.secret());
        assertThat(Http.json(r).at("/authorization/repo_user").asText()).isEqualTo("alice");
        forges.gitlab().revoke(revoked);
        forges.clock().setNow(Instant.parse("2026-03-10T00:00:00Z"));
        iam = ss.addIamToken().secret();
        JsonNode list = Http.json(Http.get(auths, "X-Auth-Token", iam)).get("authorizations");
        assertThat(list.get(0).get("status").asInt()).isEqualTo(1);
        assertThat(list.get(1).get("status").asInt()).isEqualTo(2);
        assertThat(Http.json(namespaces("revoked")).get("error_code").asText()).isEqualTo("SVCSTG.REPO.0451");
        assertThat(Http.json(namespaces("expiring")).get("error_code").asText()).isEqualTo("SVCSTG.REPO.0451");
    }

    @Test
    void badInput_getsServiceStageCodes() {
        assertThat(Http.json(createPersonal("bitbucket", "token1", "x")).get("error_code").asText())
                .isEqualTo("SVCSTG.REPO.0401");
        assertThat(Http.json(createPersonal("github", "ab", "x")).get("error_code").asText())
                .isEqualTo("SVCSTG.REPO.0400");
    }

    @Test
    void withoutCredentials_theGatewayAnswers401() {
        HttpResponse<String> none = Http.get(auths);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Http.json(none).get("error_code").asText()).isEqualTo("APIGW.0301");
        assertThat(Http.get(auths, "X-Auth-Token", "MIIbogus").statusCode()).isEqualTo(401);
        // IAM tokens live 24 hours
        forges.clock().advance(java.time.Duration.ofHours(24));
        assertThat(Http.get(auths, "X-Auth-Token", iam).statusCode()).isEqualTo(401);
    }

    @Test
    void iamLogin_issuesAnXSubjectToken_andProjectsAreFound() {
        ss.addIamUser("acme", "builder", "s3cret");
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"builder\","
                + "\"password\":\"s3cret\",\"domain\":{\"name\":\"acme\"}}}},\"scope\":{\"project\":{\"name\":\"cn-north-4\"}}}}";
        HttpResponse<String> r = Http.send("POST", ss.iamUri() + "/v3/auth/tokens?nocatalog=true", body);
        assertThat(r.statusCode()).isEqualTo(201);
        String token = r.headers().firstValue("X-Subject-Token").orElseThrow();
        assertThat(Instant.parse(Http.json(r).at("/token/expires_at").asText()))
                .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        HttpResponse<String> projects = Http.get(ss.iamUri() + "/v3/projects?name=cn-north-4", "X-Auth-Token", token);
        assertThat(Http.json(projects).at("/projects/0/id").asText()).isEqualTo(ss.projectId());
        assertThat(Http.get(auths, "X-Auth-Token", token).statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = Http.send("POST", ss.iamUri() + "/v3/auth/tokens", body.replace("s3cret", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void signature_matchesTheReferenceTestVector() {
        ImmutableRequest req = ImmutableRequest.create()
                .withAbsoluteUrl("https://servicestage.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef0123456789abcdef"
                        + "/git/auths/github/personal")
                .withMethod(RequestMethod.POST)
                .withHeader("Host", "servicestage.cn-north-4.myhuaweicloud.com")
                .withHeader("X-Sdk-Date", "20260101T000000Z")
                .withHeader("X-Project-Id", "0123456789abcdef0123456789abcdef")
                .withBody("{\"name\":\"my-auth\",\"token\":\"ghp_xxx\"}".getBytes(StandardCharsets.UTF_8))
                .build();
        String sig = SdkSignature.sign(Exchange.of(req), List.of("host", "x-project-id", "x-sdk-date"),
                "20260101T000000Z", "SKEXAMPLE0000000000000000000000000000000");
        assertThat(sig).isEqualTo("63f39023d95a8551dd306d3f266533a6b1050c37c202c202d3e3418c92cd76d0");
    }

    @Test
    void akSk_signedRequest_isAccepted_andABadOrStaleOneIsNot() {
        FakeToken key = ss.addAccessKey();
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(forges.clock().instant());
        String host = "127.0.0.1:" + ss.port();
        ImmutableRequest req = ImmutableRequest.create().withAbsoluteUrl(auths).withMethod(RequestMethod.GET)
                .withHeader("Host", host).withHeader("X-Sdk-Date", date).build();
        String sig = SdkSignature.sign(Exchange.of(req), List.of("host", "x-sdk-date"), date, key.secret());
        String authz = "SDK-HMAC-SHA256 Access=" + key.id() + ", SignedHeaders=host;x-sdk-date, Signature=" + sig;
        assertThat(Http.get(auths, "Authorization", authz, "X-Sdk-Date", date).statusCode()).isEqualTo(200);
        HttpResponse<String> bad = Http.get(auths, "Authorization", authz.replace(sig, "0".repeat(64)),
                "X-Sdk-Date", date);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(Http.json(bad).get("error_msg").asText()).contains("verify aksk signature fail");
        forges.clock().advance(java.time.Duration.ofMinutes(16));
        HttpResponse<String> stale = Http.get(auths, "Authorization", authz, "X-Sdk-Date", date);
        assertThat(Http.json(stale).get("error_msg").asText()).contains("signature expired");
        assertThat(stale.headers().allValues("Date")).hasSize(1);
    }
}
