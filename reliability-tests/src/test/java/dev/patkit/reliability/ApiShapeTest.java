package dev.patkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.AsyncProviderClient;
import dev.patkit.core.ProviderClient;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.servicestage.ServiceStageClient;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the public API, as decided once: asynchronous calls are a view ({@code async()}), never
 * twins named {@code xAsync}; user-facing interfaces have no {@code unsupported(...)} helper; the two
 * widest clients stay narrow; no public parameter is documented as nullable; provider modules put
 * secrets in request bodies as {@code Token}s, never as revealed strings.
 */
class ApiShapeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> LIBRARIES = List.of("sdk-core", "sdk-github", "sdk-gitlab", "sdk-atomgit",
            "sdk-servicestage");

    @Test
    void noPublicMethod_isAnAsyncTwin() throws Exception {
        List<String> twins = new ArrayList<>();
        for (Class<?> type : PublicTypesTest.publicTypes()) {
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m) && m.getName().endsWith("Async")) {
                    twins.add(type.getName() + "." + m.getName());
                }
            }
        }
        assertThat(twins).as("methods named xAsync: async is the async() view").isEmpty();
    }

    @Test
    void everyClient_hasAnAsyncView_narrowedByProvidersWithAsyncExtras() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : PublicTypesTest.publicTypes()) {
            if (type.isInterface() && ProviderClient.class.isAssignableFrom(type)) {
                Method async = type.getMethod("async");
                if (!AsyncProviderClient.class.isAssignableFrom(async.getReturnType())) {
                    missing.add(type.getName());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void userFacingInterfaces_offerNoUnsupportedHelper() throws Exception {
        List<String> found = new ArrayList<>();
        for (Class<?> type : PublicTypesTest.publicTypes()) {
            if (type.isInterface()) {
                for (Method m : type.getMethods()) {
                    if (m.getName().equals("unsupported")) {
                        found.add(type.getName());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theWidestClients_declareAtMostFifteenMethodsOfTheirOwn() {
        for (Class<?> type : List.of(GitLabClient.class, ServiceStageClient.class)) {
            long own = Arrays.stream(type.getDeclaredMethods()).filter(m -> !m.isSynthetic() && !m.isBridge())
                    .map(m -> m.getName() + Arrays.toString(m.getParameterTypes())).distinct().count();
            assertThat(own).as(type.getSimpleName() + " methods of its own").isLessThanOrEqualTo(15);
        }
    }

    /** Javadoc of an exported package never lets a parameter be null: overloads or Optional say "absent". */
    @Test
    void noPublicParameter_isDocumentedAsNullable() throws IOException {
        Pattern nullable = Pattern.compile("@param\\s+\\w+[^@]*?(?<!values )\\b(or null|may be null|null for|null to|null means|null if)\\b",
                Pattern.CASE_INSENSITIVE);
        List<String> offenders = new ArrayList<>();
        for (Path file : exportedSources()) {
            String text = Files.readString(file);
            var m = nullable.matcher(text);
            while (m.find()) {
                offenders.add(ROOT.relativize(file) + ": " + m.group().replaceAll("\\s+", " "));
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** A secret goes into a request body as its Token (declared carried by the pipeline), never revealed by hand. */
    @Test
    void providers_revealSecretsOnlyToPutThemInAHeaderOrASignature() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String module : LIBRARIES.subList(1, LIBRARIES.size())) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String name = file.getFileName().toString();
                    if (name.equals("Authenticators.java") || name.equals("AkSkSigner.java")) {
                        continue; // a credential into a header; the signing key into the HMAC
                    }
                    if (Files.readString(file).contains(".reveal()")) {
                        offenders.add(ROOT.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    private static List<Path> exportedSources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String module : LIBRARIES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/internal/")
                        && !f.getFileName().toString().equals("module-info.java")).forEach(out::add);
            }
        }
        assertThat(out).hasSizeGreaterThan(80);
        return out;
    }

    private static boolean visible(Method m) {
        return !m.isSynthetic() && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()));
    }
}
