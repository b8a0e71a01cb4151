package dev.patkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.Credential;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks every factory shares: SPI version, credential type, host and base normalisation. */
class BaseProviderClientFactoryTest {

    /** A provider built for SPI version 7 that takes tokens. */
    static final class Seven extends BaseProviderClientFactory {
        Seven() {
            super("seven", 7, URI.create("https://seven.example/api"));
        }

        @Override
        public Optional<URI> baseUriFor(URI url) {
            return host(url).equals("seven.example") ? Optional.of(defaultBaseUri()) : Optional.empty();
        }

        @Override
        public ProviderClient create(ProviderContext context, URI baseUri, Credential credential) {
            require(credential, Token.class, "a Token");
            throw new UnsupportedOperationException("not in this test");
        }
    }

    @Test
    void reportsTheVersionItWasBuiltFor_andItsIdAndBase() {
        Seven f = new Seven();
        assertThat(f.spiVersion()).isEqualTo(7);
        assertThat(f.id()).isEqualTo("seven");
        assertThat(f.defaultBaseUri()).isEqualTo(URI.create("https://seven.example/api"));
        assertThat(f.toString()).isEqualTo("Seven[seven]");
    }

    @Test
    void hostsAreMatchedInAnyCaseWithOrWithoutTheTrailingDot() {
        Seven f = new Seven();
        assertThat(f.baseUriFor(URI.create("https://SEVEN.example./x"))).isPresent();
        assertThat(f.baseUriFor(URI.create("https://seven.example.attacker.example/"))).isEmpty();
        assertThat(f.baseUriFor(URI.create("/relative"))).isEmpty();
    }

    @Test
    void anotherCredentialType_isRefusedWithoutShowingIt() {
        String secret = Canary.githubClassic();
        Credential other = new Credential() {
            @Override
            public String fingerprint() {
                return "00000000";
            }

            @Override
            public String toString() {
                return secret;
            }
        };
        assertThatThrownBy(() -> new Seven().create(null, URI.create("https://seven.example/api"), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("A seven client needs a Token, not a ")
                .satisfies(e -> Leaks.assertNotIn(e, secret));
        assertThatThrownBy(() -> new Seven().create(null, URI.create("https://seven.example/api"), null))
                .hasMessage("A seven client needs a Token, not a null credential");
    }

    @Test
    void trailingSlashesAreStripped() {
        assertThat(BaseProviderClientFactory.withoutTrailingSlash(URI.create("https://h/api/v4///")))
                .isEqualTo(URI.create("https://h/api/v4"));
        URI clean = URI.create("https://h/api/v4");
        assertThat(BaseProviderClientFactory.withoutTrailingSlash(clean)).isSameAs(clean);
    }
}
