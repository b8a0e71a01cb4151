package dev.patkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** git's credential protocol, read as strictly as git reads it, and the host and transport rules. */
class GitCredentialTest {

    static final String SECRET = "glpat-AAAAbbbbCCCCddddEEEE";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    record Result(int code, String out, String err) {}

    @BeforeEach
    void configure() throws Exception {
        Path file = Files.writeString(dir.resolve("gitlab.token"), SECRET + "\n  \n");
        env.put("HOME", dir.toString());
        env.put("GITLAB_TOKEN_FILE", file.toString());
        env.put("GITLAB_URL", "https://gitlab.example.com");
    }

    private Result get(String request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("git-credential", "get"), new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void get_answersForTheConfiguredHost_withTheTrimmedTokenFile() {
        Result r = get("protocol=https\nhost=gitlab.example.com\npath=group/repo.git\ncapability[]=authtype\n"
                + "capability[]=state\n\n");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("username=patkit\npassword=" + SECRET + "\n");
        assertThat(r.err()).isEmpty();
    }

    /** CVE-2024-52006 ("Clone2Leak"): a lone CR is not a line break; the request is refused whole. */
    @Test
    void loneCarriageReturn_isRefused() {
        Result r = get("protocol=https\nhost=evil.example\rhost=gitlab.example.com\n\n");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("patkit git-credential: refusing the request: line 2 holds a carriage return (CR);"
                + " no credentials given.\n");
    }

    /** CVE-2020-5260: a newline smuggled into a value arrives as a second host line: a repeated key is refused. */
    @Test
    void repeatedKey_isRefused() {
        Result r = get("protocol=https\nhost=evil.example\nhost=gitlab.example.com\n\n");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("the key 'host' is given twice").hasLineCount(1);
    }

    /** CVE-2024-50349: control characters (ANSI escapes) in a host; also NUL, tab, DEL and a CRLF line end. */
    @ParameterizedTest
    @ValueSource(strings = {"host=gitlab.example.com\u001b[0m", "host=gitlab.example.com\u0000evil", "host=gitlab\t.example.com",
        "host=gitlab.example.com\u007f", "host=gitlab.example.com\r"})
    void controlCharacters_areRefused(String hostLine) {
        Result r = get("protocol=https\n" + hostLine + "\n\n");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("patkit git-credential: refusing the request: line 2 holds ").hasLineCount(1);
    }

    @Test
    void lineWithoutEquals_emptyKey_andOversizedInput_areRefused() {
        assertThat(get("protocol=https\nhost\n\n")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("line 2 has no '='");
            assertThat(r.out()).isEmpty();
        });
        assertThat(get("protocol=https\n=gitlab.example.com\n\n").err()).contains("line 2 has no key");
        assertThat(get("protocol=https\nhost=gitlab.example.com\npath=" + "a".repeat(70_000) + "\n\n").err())
                .contains("longer than 64 KiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gitlab.example.com:443", "gitlab.example.com.", "evil.gitlab.example.com", "gitlab.example.co",
        "gitlab.example.com.evil.example"})
    void onlyTheExactHostWithItsPort_getsTheToken(String host) {
        Result r = get("protocol=https\nhost=" + host + "\n\n");
        assertThat(r.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("patkit: no token for " + host + " (configured git hosts: [gitlab.example.com])");
    }

    @Test
    void plainHttp_onlyToLoopbackWhenTheConfiguredUrlIsHttp() {
        assertThat(get("protocol=http\nhost=gitlab.example.com\n\n").out()).isEmpty();
        env.put("GITLAB_URL", "http://localhost.example.com");
        env.put("GITLAB_GIT_HOST", "localhost.example.com");
        Result name = get("protocol=http\nhost=localhost.example.com\n\n");
        assertThat(name.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(name.out()).isEmpty();
        assertThat(name.err()).contains("over plain http");
        env.put("GITLAB_URL", "http://127.0.0.1.x:8080");
        env.put("GITLAB_GIT_HOST", "127.0.0.1.x:8080");
        assertThat(get("protocol=http\nhost=127.0.0.1.x:8080\n\n").out()).isEmpty();
        env.put("GITLAB_URL", "https://127.0.0.1:8080");
        env.put("GITLAB_GIT_HOST", "127.0.0.1:8080");
        assertThat(get("protocol=http\nhost=127.0.0.1:8080\n\n").out()).as("configured https").isEmpty();
        env.put("GITLAB_URL", "http://127.0.0.1:8080");
        assertThat(get("protocol=http\nhost=127.0.0.1:8080\n\n").out()).isEqualTo("username=patkit\npassword=" + SECRET + "\n");
        assertThat(get("protocol=ftp\nhost=127.0.0.1:8080\n\n").out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1,true", "127.255.255.254,true", "LOCALHOST,true", "localhost,true", "[::1],true",
        "127.1,false", "0x7f.0.0.1,false", "127.000.000.001,false", "0177.0.0.1,false", "localhost.,false",
        "localhost.example.com,false", "127.0.0.1.attacker.example,false", "[0:0:0:0:0:0:0:1],true", "128.0.0.1,false",
        "127.0.0.256,false", "2130706433,false"})
    void loopback_isAnAddressNotAName(String host, boolean loopback) {
        // Core's one rule (SecureTransportTest decides every spelling); the long form of ::1 is the same address.
        assertThat(GitHost.isLoopback(host)).isEqualTo(loopback);
    }

    @Test
    void storeAndErase_changeNothing_butStillRefuseMalformedInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(Main.run(List.of("git-credential", "store"), new ByteArrayInputStream(
                "protocol=https\nhost=x\npassword=y\n\n".getBytes(StandardCharsets.UTF_8)), sink, sink, env)).isZero();
        assertThat(Main.run(List.of("git-credential", "erase"), new ByteArrayInputStream(
                "protocol=https\rhost=x\n\n".getBytes(StandardCharsets.UTF_8)), sink, sink, env)).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run(List.of("git-credential", "fetch"), new ByteArrayInputStream(new byte[0]), sink, sink, env))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }
}
