package dev.patkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.TokenFormat.Checksum;
import dev.patkit.core.testing.Canary;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenTest {

    private static final String DOC_EXAMPLE = "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";

    @Test
    void githubClassic_withValidChecksum_isRecognisedWithoutWarnings() {
        TokenFormat format = Token.of(DOC_EXAMPLE).format();
        assertThat(format.kind()).isEqualTo(TokenKind.GITHUB_CLASSIC_PAT);
        assertThat(format.checksum()).isEqualTo(Checksum.VALID);
        assertThat(format.warnings()).isEmpty();
        assertThat(format.looksValid()).isTrue();
    }

    @Test
    void githubClassic_withOneCharacterChanged_warnsButDoesNotThrow() {
        String typo = DOC_EXAMPLE.substring(0, 10) + 'X' + DOC_EXAMPLE.substring(11);
        Token token = Token.of(typo);
        assertThat(token.format().checksum()).isEqualTo(Checksum.INVALID);
        assertThat(token.format().warnings()).singleElement().asString()
                .contains("checksum does not match").doesNotContain(typo);
    }

    @Test
    void githubPrefixes_mapToTheirKinds() {
        String body = Canary.githubClassic().substring(4);
        assertThat(Token.of("gho_" + body).kind()).isEqualTo(TokenKind.GITHUB_OAUTH);
        assertThat(Token.of("ghu_" + body).kind()).isEqualTo(TokenKind.GITHUB_APP_USER);
        assertThat(Token.of("ghs_" + body).kind()).isEqualTo(TokenKind.GITHUB_APP_INSTALLATION);
        assertThat(Token.of("ghr_" + body).kind()).isEqualTo(TokenKind.GITHUB_APP_REFRESH);
        assertThat(Token.of("gho_" + body).format().checksum()).isEqualTo(Checksum.VALID);
        assertThat(Token.of("github_pat_11ABCDEFG0123456789abc_" + "x".repeat(59)).kind())
                .isEqualTo(TokenKind.GITHUB_FINE_GRAINED_PAT);
        assertThat(Token.of("0123456789abcdef0123456789abcdef01234567").kind()).isEqualTo(TokenKind.GITHUB_LEGACY);
    }

    /**
     * github-gitlab.md, GITHUB §2 "Token kinds and formats": new ghs_ installation tokens are about 520
     * characters with dots and underscores and no checksum; ghr_ length is undocumented (GitHub's
     * example is 80). Neither gets a length warning.
     */
    @Test
    void newInstallationAndLongRefreshTokens_areRecognisedWithoutWarnings() {
        String jwt = "ghs_12345_" + "eyJhbGciOiJSUzI1NiJ9" + "." + "a".repeat(300) + "_x-Y" + "." + "S1g".repeat(60);
        TokenFormat ghs = Token.of(jwt).format();
        assertThat(jwt.length()).isGreaterThan(500);
        assertThat(ghs.kind()).isEqualTo(TokenKind.GITHUB_APP_INSTALLATION);
        assertThat(ghs.checksum()).isEqualTo(Checksum.NOT_APPLICABLE);
        assertThat(ghs.warnings()).isEmpty();
        String refresh = "ghr_" + "1234567890abcdefABCDEF".repeat(3) + "ab_cd" + "x".repeat(5);
        assertThat(refresh).hasSize(80);
        TokenFormat ghr = Token.of(refresh).format();
        assertThat(ghr.kind()).isEqualTo(TokenKind.GITHUB_APP_REFRESH);
        assertThat(ghr.checksum()).isEqualTo(Checksum.NOT_APPLICABLE);
        assertThat(ghr.warnings()).isEmpty();
        assertThat(Token.of("ghs_" + Canary.githubClassic().substring(4)).format().checksum()).isEqualTo(Checksum.VALID);
        assertThat(Token.of("ghs_short").format().warnings()).singleElement().asString().contains("installation token");
        assertThat(Token.of("ghr_has-dash?").format().warnings()).singleElement().asString().contains("outside");
    }

    @Test
    void canaryGenerator_makesValidChecksums() {
        for (int i = 0; i < 50; i++) {
            assertThat(Token.of(Canary.githubClassic()).format().checksum()).isEqualTo(Checksum.VALID);
        }
    }

    @Test
    void gitlabRoutableToken_checksumIsVerified() {
        String routable = "glpat-AAAAAAAAAAAAAAAAAAAAAGM6MQpvOjEKdToybgw.01.130c6xdqy";
        assertThat(Token.of(routable).kind()).isEqualTo(TokenKind.GITLAB_PAT);
        assertThat(Token.of(routable).format().checksum()).isEqualTo(Checksum.VALID);
        String typo = routable.replace("AGM6", "AGM7");
        assertThat(Token.of(typo).format().checksum()).isEqualTo(Checksum.INVALID);
        assertThat(Token.of(typo).format().warnings()).hasSize(1);
    }

    @Test
    void gitlabLegacyAndOtherKinds_areRecognised() {
        assertThat(Token.of(Canary.gitlab()).kind()).isEqualTo(TokenKind.GITLAB_PAT);
        assertThat(Token.of(Canary.gitlab()).format().checksum()).isEqualTo(Checksum.NOT_APPLICABLE);
        assertThat(Token.of("gldt-abcdefghijklmnopqrst").kind()).isEqualTo(TokenKind.GITLAB_OTHER);
        assertThat(Token.of("glrt-abcdefghijklmnopqrst").kind()).isEqualTo(TokenKind.GITLAB_OTHER);
        assertThat(Token.of("mycompany-glpat-abcdefghijklmnopqrst").kind()).isEqualTo(TokenKind.OPAQUE);
        assertThat(Token.of("glpat-x.01.y").kind()).isEqualTo(TokenKind.GITLAB_PAT);
    }

    @Test
    void opaqueTokens_haveNoWarnings() {
        Token t = Token.of(Canary.opaque());
        assertThat(t.kind()).isEqualTo(TokenKind.OPAQUE);
        assertThat(t.kind().provider()).isEmpty();
        assertThat(t.format().warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", " ", "\u00e9", "\t", "\u0000"})
    void badCharacters_areRefusedWithoutQuotingTheInput(String bad) {
        String secret = Canary.githubClassic();
        String input = secret.substring(0, 20) + bad + secret.substring(20);
        assertThatThrownBy(() -> Token.of(input))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("position 20")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret.substring(0, 20)))
                .hasNoCause();
    }

    @Test
    void emptyNullAndHugeInputs_areRefused() {
        assertThatThrownBy(() -> Token.of("")).isInstanceOf(InvalidTokenException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Token.of(null)).isInstanceOf(InvalidTokenException.class);
        String huge = "a".repeat(Token.MAX_LENGTH + 1);
        assertThatThrownBy(() -> Token.of(huge)).isInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("aaaaaaaa"));
        assertThat(Token.of("a".repeat(10_000)).reveal()).hasSize(10_000);
    }

    @Test
    void fromFile_trimsOneTrailingNewline(@TempDir Path dir) throws Exception {
        String secret = Canary.gitlab();
        Path lf = Files.writeString(dir.resolve("lf"), secret + "\n");
        Path crlf = Files.writeString(dir.resolve("crlf"), secret + "\r\n");
        Path two = Files.writeString(dir.resolve("two"), secret + "\n\n");
        assertThat(Token.fromFile(lf).reveal()).isEqualTo(secret);
        assertThat(Token.fromFile(crlf).reveal()).isEqualTo(secret);
        assertThatThrownBy(() -> Token.fromFile(two)).isInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        assertThatThrownBy(() -> Token.fromFile(dir.resolve("missing"))).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("Cannot read");
    }

    @Test
    void fromEnvironment_namesTheMissingVariable() {
        assertThatThrownBy(() -> Token.fromEnvironment("PATKIT_SURELY_UNSET_VARIABLE"))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("PATKIT_SURELY_UNSET_VARIABLE");
        String path = System.getenv("PATH");
        if (path != null && !path.contains(" ")) {
            assertThat(Token.fromEnvironment("PATH").reveal()).isEqualTo(path);
        }
    }

    @Test
    void toString_showsKindAndFingerprintOnly() {
        String secret = Canary.githubClassic();
        Token t = Token.of(secret);
        assertThat(t.toString()).isEqualTo("Token[GITHUB_CLASSIC_PAT sha256:" + t.fingerprint() + "]");
        assertThat(t.fingerprint()).hasSize(8).matches("[0-9a-f]{8}");
        assertThat(t.toString()).doesNotContain(secret).doesNotContain(secret.substring(4, 12));
    }

    @Test
    void equals_comparesValues() {
        String secret = Canary.gitlab();
        assertThat(Token.of(secret)).isEqualTo(Token.of(secret)).hasSameHashCodeAs(Token.of(secret));
        assertThat(Token.of(secret)).isNotEqualTo(Token.of(Canary.gitlab()));
    }

    @Test
    void jacksonWritesTheRedactedForm() throws Exception {
        String secret = Canary.githubClassic();
        Token t = Token.of(secret);
        String json = new ObjectMapper().writeValueAsString(Map.of("token", t));
        assertThat(json).doesNotContain(secret).contains(t.fingerprint());
    }

    @Test
    void javaSerialisationIsRefused() throws Exception {
        Token t = Token.of(Canary.githubClassic());
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> out.writeObject(t)).isInstanceOf(NotSerializableException.class);
        }
    }
}
