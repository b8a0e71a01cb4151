package dev.patkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.bench.clients.BenchClient;
import dev.patkit.bench.clients.Op;
import dev.patkit.bench.stub.StubServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CI smoke version of the comparison: every client makes each of its calls once against the
 * stub and must parse the same answer; the stub itself refuses calls without credentials; and the
 * 100,000-token list runs in a JVM capped at 8 MiB of heap. No timings are asserted.
 */
class BenchmarkSmokeTest {

    private static StubServer stub;

    @BeforeAll
    static void startStub() throws Exception {
        stub = StubServer.start(2);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "raw, gl-inspect", "raw, gl-list500", "raw, gh-inspect", "raw, ss-list-aksk",
        "rawasync, gl-inspect",
        "patkit, gl-inspect", "patkit, gl-list500", "patkit, gh-inspect", "patkit, ss-list-aksk",
        "gitlab4j, gl-inspect", "gitlab4j, gl-list500",
        "hub4j, gh-inspect"})
    void client_parsesTheSameAnswerAsEveryOther(String name, String opLabel) throws Exception {
        Op op = Op.of(opLabel);
        try (BenchClient client = BenchClient.create(name, stub.baseUrl())) {
            assertThat(client.supports(op)).isTrue();
            assertThat(client.call(op)).isEqualTo(BenchClient.expected(op));
            // A second call on the warm client must give the same answer (hub4j caches /user otherwise).
            long before = stub.requests();
            assertThat(client.call(op)).isEqualTo(BenchClient.expected(op));
            assertThat(stub.requests() - before).isEqualTo(op.requests());
            // Another caller's token, as the throughput phases use: the same answer.
            try (BenchClient other = client.forToken(7)) {
                assertThat(other.call(op)).isEqualTo(BenchClient.expected(op));
            }
        }
    }

    @Test
    void stub_serviceStage_refusesAnUnsignedCall() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.baseUrl()
                + "/v1/proj1/git/auths")).header("Authorization", "Bearer x").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void stub_withoutCredentials_answers401() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/v4/personal_access_tokens/self", "/api/v4/personal_access_tokens", "/user")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void stub_list_pagesWithGitLabHeaders() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.baseUrl()
                + "/api/v4/personal_access_tokens?per_page=100&page=5")).header("PRIVATE-TOKEN", "x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("x-total").orElseThrow()).isEqualTo("500");
        assertThat(r.headers().firstValue("x-total-pages").orElseThrow()).isEqualTo("5");
        assertThat(r.headers().firstValue("x-next-page").orElseThrow()).isEmpty();
        assertThat(r.headers().firstValue("Link").orElseThrow()).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(r.body()).startsWith("[{\"id\":401,").endsWith("]");
    }

    @Test
    void memory_patkitLists100000TokensIn8MiB() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Patkit's runtime class path only, as run.sh gives it: every jar's central directory is held
        // on the heap, and the peers' jars on the test class path would take a good part of 8 MiB.
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("jackson-") || e.contains("slf4j-api") || e.contains("patkit")
                        || e.endsWith("classes") && !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx8m", "-cp", cp,
                "dev.patkit.bench.harness.Worker", "memory", "patkit", "gl-list100k", stub.baseUrl()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out.lines().filter(l -> !l.contains("glpat-")).limit(20).toList().toString()).contains("MEMORY PASS count=100000 last=100000").contains("max_heap_mb=8");
        assertThat(p.exitValue()).isZero();
    }
}
