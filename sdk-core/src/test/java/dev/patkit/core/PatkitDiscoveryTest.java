package dev.patkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.spi.ProviderClientFactory;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.StubClient;
import dev.patkit.core.spi.TokenFamily;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * ServiceLoader discovery on the class path and on the module path. A probe provider module is
 * compiled at test time and loaded in a child JVM each way, next to a provider whose constructor
 * fails (it must be logged and skipped).
 */
class PatkitDiscoveryTest {

    @TempDir
    static Path work;

    private static Path probeModule;
    private static Path probeClasses;

    private static final String FACTORY = """
            package probe;
            import dev.patkit.core.*;
            import dev.patkit.core.spi.*;
            import java.net.URI;
            import java.util.Optional;
            public final class ProbeFactory implements ProviderClientFactory {
                public ProbeFactory() {}
                public String id() { return "probe"; }
                public int spiVersion() { return SPI_VERSION; }
                public URI defaultBaseUri() { return URI.create("https://probe.example/api"); }
                public Optional<URI> baseUriFor(URI url) {
                    return "probe.example".equals(url.getHost()) ? Optional.of(defaultBaseUri()) : Optional.empty();
                }
                public ProviderClient create(ProviderContext context, URI baseUri, Credential credential) {
                    throw new UnsupportedOperationException("probe");
                }
            }
            """;
    private static final String BROKEN = """
            package probe;
            public final class BrokenFactory extends ProbeFactoryBase {
                public BrokenFactory() { throw new IllegalStateException("broken on purpose"); }
            }
            """;
    private static final String BASE = """
            package probe;
            public abstract class ProbeFactoryBase implements dev.patkit.core.spi.ProviderClientFactory {
                public String id() { return "broken"; }
                public int spiVersion() { return SPI_VERSION; }
                public java.net.URI defaultBaseUri() { return null; }
                public java.util.Optional<java.net.URI> baseUriFor(java.net.URI u) { return java.util.Optional.empty(); }
                public dev.patkit.core.ProviderClient create(dev.patkit.core.spi.ProviderContext c, java.net.URI b,
                        dev.patkit.core.Credential k) { return null; }
            }
            """;
    private static final String TWIN = """
            package probe;
            public final class ProbeTwin extends ProbeFactoryBase {
                public ProbeTwin() {}
                public String id() { return "probe"; }
            }
            """;
    private static final String MAIN = """
            package probe;
            public final class Main {
                public static void main(String[] args) {
                    try (dev.patkit.core.Patkit p = dev.patkit.core.Patkit.create()) {
                        System.out.println("providers=" + p.providers());
                        System.out.println("named=" + Main.class.getModule().isNamed()
                                + " core-named=" + dev.patkit.core.Patkit.class.getModule().isNamed());
                    }
                }
            }
            """;

    @BeforeAll
    static void compileProbe() throws Exception {
        String services = "probe.ProbeFactory\nprobe.BrokenFactory\n";
        probeModule = compile("module", """
                module dev.patkit.probe {
                    requires dev.patkit.core;
                    provides dev.patkit.core.spi.ProviderClientFactory with probe.ProbeFactory, probe.BrokenFactory;
                }
                """, true);
        probeClasses = compile("classpath", null, false);
        for (Path dir : List.of(probeModule, probeClasses)) {
            Path svc = dir.resolve("META-INF/services/dev.patkit.core.spi.ProviderClientFactory");
            Files.createDirectories(svc.getParent());
            Files.writeString(svc, services);
        }
    }

    private static Path compile(String name, String moduleInfo, boolean modular) throws Exception {
        Path src = work.resolve(name + "-src");
        Path out = work.resolve(name + "-out");
        Files.createDirectories(src.resolve("probe"));
        Files.createDirectories(out);
        List<String> files = new ArrayList<>();
        for (var e : List.of(List.of("ProbeFactory", FACTORY), List.of("BrokenFactory", BROKEN),
                List.of("ProbeFactoryBase", BASE), List.of("ProbeTwin", TWIN), List.of("Main", MAIN))) {
            Path f = src.resolve("probe/" + e.get(0) + ".java");
            Files.writeString(f, e.get(1));
            files.add(f.toString());
        }
        if (moduleInfo != null) {
            Path f = src.resolve("module-info.java");
            Files.writeString(f, moduleInfo);
            files.add(f.toString());
        }
        List<String> args = new ArrayList<>(List.of(modular ? "--module-path" : "-cp", dependencyPath(), "-d", out.toString()));
        args.addAll(files);
        java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow();
        int rc = javac.run(System.out, System.err, args.toArray(String[]::new));
        assertThat(rc).as("javac exit code").isZero();
        return out;
    }

    /** Core's classes plus Jackson and slf4j-api, as the probe needs them. */
    private static String dependencyPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(Patkit.class, ObjectMapper.class, JsonFactory.class, JsonValue.class, LoggerFactory.class)) {
            String entry = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String run(List<String> javaArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** A factory built for another SPI version. */
    public static final class FutureFactory extends StubFactory {
        public FutureFactory() {
            super("future");
        }

        @Override
        public int spiVersion() {
            return SPI_VERSION + 1;
        }
    }

    @Test
    void aFactoryBuiltForAnotherSpiVersion_isRefusedByHand_andSkippedWithAWarningWhenDiscovered() throws Exception {
        assertThatThrownBy(() -> Patkit.builder().withoutDiscovery().register(new FutureFactory()))
                .isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("provider 'future'")
                .hasMessageContaining("SPI version " + (ProviderClientFactory.SPI_VERSION + 1))
                .hasMessageContaining("speaks version " + ProviderClientFactory.SPI_VERSION)
                .hasMessageContaining("patkit-bom");

        Path dir = work.resolve("future-spi");
        Path svc = dir.resolve("META-INF/services/dev.patkit.core.spi.ProviderClientFactory");
        Files.createDirectories(svc.getParent());
        Files.writeString(svc, FutureFactory.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                PatkitDiscoveryTest.class.getClassLoader())) {
            dev.patkit.core.testing.LogCapture.clear();
            try (Patkit p = Patkit.builder().discoverWith(loader).register(new StubFactory("stub")).build()) {
                assertThat(p.providers()).doesNotContain("future").contains("stub");
            }
            assertThat(dev.patkit.core.testing.LogCapture.events()).anyMatch(l -> l.contains("Skipping a Patkit provider")
                    && l.contains("provider 'future'"));
        }
    }

    @Test
    void discoversProvidersOnTheModulePath() throws Exception {
        String out = run(List.of("--module-path", dependencyPath() + File.pathSeparator + probeModule,
                "-m", "dev.patkit.probe/probe.Main"));
        assertThat(out).contains("providers=[probe]").contains("named=true core-named=true");
    }

    @Test
    void discoversProvidersOnTheClassPath() throws Exception {
        String out = run(List.of("-cp", dependencyPath() + File.pathSeparator + probeClasses, "probe.Main"));
        assertThat(out).contains("providers=[probe]").contains("named=false core-named=false");
    }

    @Test
    void failingProviderIsSkipped_andHostSelectionWorks() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {probeClasses.toUri().toURL()},
                getClass().getClassLoader());
                Patkit patkit = Patkit.builder().discoverWith(loader).build()) {
            assertThat(patkit.providers()).containsExactly("probe");
            assertThat(patkit.factory("probe").baseUriFor(URI.create("https://probe.example/x/y")))
                    .contains(URI.create("https://probe.example/api"));
            assertThatThrownBy(() -> patkit.clientForHost(URI.create("https://probe.example"), Token.of(Canary.opaque())))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void unknownId_listsWhatWasFoundAndTheArtifactToAdd() {
        try (Patkit patkit = Patkit.builder().withoutDiscovery().register(new StubFactory("alpha")).build()) {
            assertThatThrownBy(() -> patkit.client("gitea", Token.of(Canary.opaque())))
                    .isInstanceOf(ProviderLookupException.class)
                    .hasMessage("No provider 'gitea'. Available: [alpha]. Add the artifact dev.patkit:patkit-gitea to use"
                            + " it, or register its factory by hand.");
            assertThatThrownBy(() -> patkit.clientForHost(URI.create("https://nowhere.example"), Token.of(Canary.opaque())))
                    .isInstanceOf(ProviderLookupException.class).hasMessageContaining("No provider recognises the host nowhere.example");
        }
    }

    @Test
    void noProviders_failsNamingTheArtifacts() {
        assertThatThrownBy(() -> Patkit.builder().withoutDiscovery().build())
                .isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("No Patkit providers were found")
                .hasMessageContaining("patkit-gitlab");
    }

    @Test
    void duplicateIds_fail() throws Exception {
        assertThatThrownBy(() -> Patkit.builder().withoutDiscovery().register(new StubFactory("a")).register(new StubFactory("a")))
                .isInstanceOf(ProviderLookupException.class).hasMessageContaining("Two factories registered for provider 'a'");
        Path dup = work.resolve("dup");
        Path svc = dup.resolve("META-INF/services/dev.patkit.core.spi.ProviderClientFactory");
        Files.createDirectories(svc.getParent());
        Files.writeString(svc, "probe.ProbeTwin\n");
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {probeClasses.toUri().toURL(), dup.toUri().toURL()},
                getClass().getClassLoader())) {
            assertThatThrownBy(() -> Patkit.builder().discoverWith(loader).build())
                    .isInstanceOf(ProviderLookupException.class)
                    .hasMessageContaining("More than one provider has the id 'probe'")
                    .hasMessageContaining("probe.ProbeFactory").hasMessageContaining("probe.ProbeTwin");
            // Registering one by hand settles the conflict: the registered factory wins.
            try (Patkit patkit = Patkit.builder().discoverWith(loader).register(new StubFactory("probe")).build()) {
                assertThat(patkit.factory("probe")).isInstanceOf(StubFactory.class);
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {probeClasses.toUri().toURL()}, getClass().getClassLoader());
                Patkit patkit = Patkit.builder().discoverWith(loader).register(new StubFactory("probe")).build()) {
            assertThat(patkit.factory("probe")).isInstanceOf(StubFactory.class);
        }
    }

    @Test
    void clientsAreCreatedThroughTheFactoryWithTheSharedContext() {
        StubFactory f = new StubFactory("alpha");
        String secret = Canary.gitlab();
        try (Patkit patkit = Patkit.builder().withoutDiscovery().register(f).build()) {
            ProviderClient c = patkit.client("alpha", Token.of(secret));
            assertThat(c.baseUri()).isEqualTo(URI.create("https://alpha.example/api"));
            assertThat(patkit.client("alpha", URI.create("https://self.example/api"), Token.of(secret)).baseUri())
                    .isEqualTo(URI.create("https://self.example/api"));
            assertThat(f.contexts).hasSize(2);
            assertThat(f.contexts.get(0).httpClient()).isSameAs(f.contexts.get(1).httpClient());
            assertThat(f.contexts.get(0).httpClient().followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
            UnsupportedCapabilityException e = org.junit.jupiter.api.Assertions.assertThrows(
                    UnsupportedCapabilityException.class, () -> c.tokens().create(TokenSpec.of("n", List.of())));
            assertThat(e.capability()).isEqualTo(Capability.CREATE);
            assertThat(e.getMessage()).isEqualTo("alpha cannot create a token through its API. Use the provider's web interface.");
            Leaks.assertNotIn(e, secret);
            assertThat(patkit.toString()).isEqualTo("Patkit[[alpha]]");
        }
    }

    @Test
    void aCallersHttpClientThatFollowsRedirects_isRefused() {
        var follows = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        assertThatThrownBy(() -> Patkit.builder().withoutDiscovery().register(new StubFactory("a"))
                .options(PatkitOptions.builder().httpClient(follows).build()).build())
                .isInstanceOf(UnsafeConfigurationException.class).hasMessageContaining("Redirect.NEVER");
    }

    /** A minimal factory for registration tests. */
    static class StubFactory implements ProviderClientFactory {
        final String id;
        final List<ProviderContext> contexts = new ArrayList<>();

        StubFactory(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public URI defaultBaseUri() {
            return URI.create("https://" + id + ".example/api");
        }

        @Override
        public Optional<URI> baseUriFor(URI url) {
            return Optional.empty();
        }

        @Override
        public ProviderClient create(ProviderContext context, URI baseUri, Credential credential) {
            contexts.add(context);
            return new StubClient(id, baseUri, () -> CompletableFuture.completedFuture(Authorization.builder(id, baseUri).build()),
                    TokenFamily.none(id, id + " tokens at " + baseUri));
        }
    }
}
