package dev.patkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loopback and transport rule, decided spelling by spelling (see {@link SecureTransport}). */
class SecureTransportTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "127.255.255.255", "127.10.20.30", "localhost", "LOCALHOST",
            "LocalHost", "[::1]", "::1", "[0:0:0:0:0:0:0:1]", "[0000:0000:0000:0000:0000:0000:0000:0001]", "[::0:1]",
            "[0::1]"})
    void loopbackAddressesAndTheExactNameLocalhost_areLoopback(String host) {
        assertThat(SecureTransport.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // names that merely start or end like loopback
        "127.0.0.1.attacker.example", "127.0.0.1.nip.io", "localhost.example", "localhost.example.com",
        "localhost.", "localhost..", "evil-localhost", "xlocalhost", "localhost:80", "127.0.0.1.", "127.0.0.1:8080",
        // short, hexadecimal, octal and integer spellings some resolvers accept
        "127.1", "127.0.1", "0x7f.0.0.1", "0x7f000001", "0177.0.0.1", "127.000.000.001", "127.0.0.01", "2130706433",
        "127.0.0.256", "127.0.0.-1", "127..0.1", "127.0.0.1/8",
        // not loopback at all, or not an address in the loopback block
        "0.0.0.0", "128.0.0.1", "10.0.0.1", "192.168.1.1", "forge.example", "[::]", "[::2]", "[::ffff:127.0.0.1]",
        "::ffff:7f00:1", "[fe80::1%lo]", "[::1%1]", "[1::1]", "[0:0:0:0:0:0:1:1]", "[::1::]", "[:::1]", "[]", "",
        // lookalikes: other scripts' digits and letters
        "\u0661\u0662\u0667.0.0.1", "127.0.0.\uff11", "l\u043ecalhost", "[::\uff11]"})
    void everyOtherSpelling_isNotLoopback(String host) {
        assertThat(SecureTransport.isLoopback(host)).as(host).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gitlab.example.com/api/v4", "http://127.0.0.1:8080/api/v4",
            "http://localhost/api/v4", "http://[::1]:9000/", "HTTPS://Forge.Example/"})
    void httpsAndLoopbackHttp_maySendSecrets(String uri) {
        assertThat(SecureTransport.maySendSecrets(URI.create(uri), false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://forge.example:8080/", "http://127.0.0.1.attacker.example/api/v4",
            "http://localhost.example.com/", "http://127.1/", "ftp://127.0.0.1/", "https://user:pw@forge.example/",
            "http://user@127.0.0.1/", "/relative/path"})
    void plainHttpOffLoopback_userInfoAndOtherSchemes_mayNot(String uri) {
        assertThat(SecureTransport.maySendSecrets(URI.create(uri), false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://forge.example:8080/", "http://127.0.0.1.attacker.example/"})
    void theExplicitOptIn_allowsPlainHttp(String uri) {
        assertThat(SecureTransport.maySendSecrets(URI.create(uri), true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:s3cr3t-pass@gitlab.example.com/api/v4", "https://s3cr3t-pass@gitlab.example.com/",
            "https://%73%33cr3t-pass:x@gitlab.example.com/", "http://s3cr3t-pass:@127.0.0.1:8080/"})
    void userInfo_isRefusedWithoutEchoingIt(String uri) {
        assertThatThrownBy(() -> SecureTransport.requireNoUserInfo(URI.create(uri), "The API base"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The API base must not hold user info")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("%73"));
    }
}
