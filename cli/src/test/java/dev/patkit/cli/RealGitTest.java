package dev.patkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real git binary clones over HTTP with {@code credential.helper} pointing at the
 * distribution's {@code bin/patkit git-credential}. The server is {@code git http-backend} behind a JDK HttpServer that
 * demands, as the password, a token the fake GitLab says is active.
 */
class RealGitTest {

    @RegisterExtension
    FakeGitLab gitlab = FakeGitLab.create();

    @TempDir
    Path dir;

    private HttpServer server;
    private FakeToken token;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        FakeUser dev = gitlab.addUser("dev", "Dev");
        token = gitlab.addToken(TokenSeed.named("git").owner(dev).scopes("read_repository"));
        Path repos = Files.createDirectories(dir.resolve("repos"));
        git(repos, "init", "-q", "--bare", "demo.git");
        Path work = Files.createDirectories(dir.resolve("work"));
        git(work, "init", "-q");
        Files.writeString(work.resolve("README"), "hello from patkit\n");
        git(work, "add", "README");
        git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        git(work, "push", "-q", repos.resolve("demo.git").toString(), "HEAD:refs/heads/main");
        git(repos.resolve("demo.git"), "symbolic-ref", "HEAD", "refs/heads/main");

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> serve(exchange, repos));
        server.start();

        env.put("HOME", dir.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GITLAB_TOKEN", token.secret());
        env.put("GITLAB_URL", gitlab.baseUri().toString());
        env.put("GITLAB_GIT_HOST", "127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange, Path repos) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String password = null;
        if (auth != null && auth.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            password = decoded.substring(decoded.indexOf(':') + 1);
        }
        if (password == null || !gitlab.standing(password).toString().contains("ACTIVE")) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> cgi = pb.environment();
        cgi.put("GIT_PROJECT_ROOT", repos.toString());
        cgi.put("GIT_HTTP_EXPORT_ALL", "1");
        cgi.put("REQUEST_METHOD", exchange.getRequestMethod());
        cgi.put("PATH_INFO", exchange.getRequestURI().getPath());
        cgi.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        cgi.put("CONTENT_TYPE", type == null ? "" : type);
        cgi.put("REMOTE_USER", "dev");
        cgi.put("REMOTE_ADDR", "127.0.0.1");
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            cgi.put("HTTP_CONTENT_ENCODING", encoding);
        }
        Process p = pb.start();
        try (InputStream body = exchange.getRequestBody(); OutputStream stdin = p.getOutputStream()) {
            body.transferTo(stdin);
        }
        byte[] output = p.getInputStream().readAllBytes();
        int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int skip = 4;
        if (split < 0) {
            split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
            skip = 2;
        }
        int status = 200;
        for (String line : new String(output, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        byte[] payload = java.util.Arrays.copyOfRange(output, split + skip, output.length);
        exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            exchange.getResponseBody().write(payload);
        }
        exchange.close();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private Launcher.Result clone(String into) throws Exception {
        return Launcher.run(List.of("git", "clone", "-q", "http://127.0.0.1:" + server.getAddress().getPort() + "/demo.git",
                into), env, "", dir);
    }

    private void git(Path in, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Launcher.Result r = Launcher.run(cmd, Map.of("HOME", dir.toString(), "GIT_CONFIG_NOSYSTEM", "1"), "", in);
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** The README's path: status, setup-git (git's global config in this HOME), then a plain git clone. */
    @Test
    void clone_succeedsWithTheConfiguredToken_andFailsOnceItIsRevoked() throws Exception {
        Launcher.Result status = Launcher.run(Launcher.patkit("status"), env, "", dir);
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("  status:  ACTIVE\n").contains("from GITLAB_TOKEN\n")
                .contains("  expires: never\n");
        Launcher.Result setup = Launcher.run(Launcher.patkit("setup-git"), env, "", dir);
        assertThat(setup.code()).as(setup.err()).isZero();
        String host = "127.0.0.1:" + server.getAddress().getPort();
        assertThat(setup.out()).isEqualTo("git now asks patkit for http://" + host + " (gitlab)\n");
        assertThat(Files.readString(dir.resolve(".gitconfig"))).contains("[credential \"http://" + host + "\"]")
                .contains("helper = !'" + Launcher.home().resolve("bin/patkit").toAbsolutePath() + "' git-credential");
        Launcher.Result ok = clone("first");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(dir.resolve("first/README")).hasContent("hello from patkit");
        assertThat(ok.err()).doesNotContain(token.secret());

        gitlab.revoke(token);
        Launcher.Result denied = clone("second");
        assertThat(denied.code()).isNotZero();
        assertThat(denied.err()).contains("Authentication failed").doesNotContain(token.secret());
        assertThat(dir.resolve("second/README")).doesNotExist();
    }

    @Test
    void gitCredentialGet_asAProcess_answersWithoutTheNetwork() throws Exception {
        String host = "127.0.0.1:" + server.getAddress().getPort();
        Launcher.Result r = Launcher.run(Launcher.patkit("git-credential", "get"), env,
                "protocol=http\nhost=" + host + "\n\n", dir);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("username=patkit\npassword=" + token.secret() + "\n");
        assertThat(gitlab.wireMock().getAllServeEvents()).as("no request reached GitLab").isEmpty();
    }
}
