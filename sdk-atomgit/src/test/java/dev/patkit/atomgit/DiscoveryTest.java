package dev.patkit.atomgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.Credential;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.spi.ProviderClientFactory;
import dev.patkit.core.testing.Canary;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private final String secret = Canary.opaque();

    @Test
    void serviceLoader_findsTheFactoryThroughMetaInfServices() {
        assertThat(ServiceLoader.load(ProviderClientFactory.class).stream().map(ServiceLoader.Provider::type))
                .contains(AtomGitClientFactory.class);
    }

    @Test
    void moduleDescriptor_providesTheFactoryAndExportsOnlyTheApi() {
        ModuleReference ref = ModuleFinder.of(Path.of("target/classes")).find("dev.patkit.atomgit").orElseThrow();
        ModuleDescriptor d = ref.descriptor();

        assertThat(d.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo(ProviderClientFactory.class.getName());
            assertThat(p.providers()).containsExactly(AtomGitClientFactory.class.getName());
        });
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.patkit.atomgit");
    }

    @Test
    void patkit_findsTheProviderById_withTheDefaultBase() {
        try (Patkit patkit = Patkit.create()) {
            ProviderClient client = patkit.client("atomgit", Token.of(secret));

            assertThat(patkit.providers()).contains("atomgit");
            assertThat(client).isInstanceOf(AtomGitClient.class);
            assertThat(client.providerId()).isEqualTo("atomgit");
            assertThat(client.baseUri()).isEqualTo(URI.create("https://api.atomgit.com/api/v5"));
        }
    }

    @Test
    void patkit_findsTheProviderByHost() {
        try (Patkit patkit = Patkit.create()) {
            assertThat(patkit.clientForHost(URI.create("https://atomgit.com/owner/repo"), Token.of(secret)).baseUri())
                    .isEqualTo(URI.create("https://api.atomgit.com/api/v5"));
            assertThat(patkit.clientForHost(URI.create("https://api.atomgit.com"), Token.of(secret)).baseUri())
                    .isEqualTo(URI.create("https://api.atomgit.com/api/v5"));
            assertThat(patkit.clientForHost(URI.create("https://gitcode.com/owner/repo.git"), Token.of(secret))
                    .baseUri()).isEqualTo(URI.create("https://api.gitcode.com/api/v5"));
        }
    }

    @Test
    void factory_recognisesOnlyItsHosts() {
        AtomGitClientFactory f = new AtomGitClientFactory();

        assertThat(f.id()).isEqualTo("atomgit");
        assertThat(f.artifactId()).isEqualTo("patkit-atomgit");
        assertThat(f.baseUriFor(URI.create("https://ATOMGIT.com."))).contains(AtomGitClientFactory.DEFAULT_BASE_URI);
        assertThat(f.baseUriFor(URI.create("https://api.atomgit.com/api/v5/user")))
                .contains(AtomGitClientFactory.DEFAULT_BASE_URI);
        assertThat(f.baseUriFor(URI.create("https://api.gitcode.com"))).contains(AtomGitClientFactory.GITCODE_BASE_URI);
        assertThat(f.baseUriFor(URI.create("https://notatomgit.com"))).isEmpty();
        assertThat(f.baseUriFor(URI.create("https://atomgit.com.evil.example"))).isEmpty();
        assertThat(f.baseUriFor(URI.create("https://gitee.com"))).isEmpty();
        assertThat(f.baseUriFor(URI.create("mailto:someone@atomgit.com"))).isEmpty();
    }

    @Test
    void factory_rejectsOtherCredentialKinds_withoutNamingTheSecret() {
        Credential other = new Credential() {
            @Override
            public String fingerprint() {
                return "00000000";
            }

            @Override
            public String toString() {
                return "Other[" + secret + "]";
            }
        };
        try (Patkit patkit = Patkit.create()) {
            assertThatThrownBy(() -> patkit.client("atomgit", other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Token or an AtomGitCredential").hasMessageNotContaining(secret);
        }
    }

    @Test
    void patkit_builtWithoutDiscovery_acceptsTheFactoryByHand() {
        try (Patkit patkit = Patkit.builder().withoutDiscovery().register(new AtomGitClientFactory()).build()) {
            assertThat(patkit.client("atomgit", Token.of(secret))).isInstanceOf(AtomGitClient.class);
        }
    }
}
