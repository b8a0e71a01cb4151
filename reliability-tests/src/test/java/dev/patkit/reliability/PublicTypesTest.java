package dev.patkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.atomgit.AtomGitClient;
import dev.patkit.core.Credential;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.github.GitHubClient;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.servicestage.ServiceStageClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Promises 1 and 2 of reliability.md section 6 over the whole public API: every public type of
 * core and the four providers is instantiated reflectively where it can be (constructors, static
 * factories, builders), with a canary in every secret-bearing argument (tokens, credentials, char
 * arrays, record components named like secrets); then {@code toString()}, Jackson and Java
 * serialisation of each instance must not contain the canary (an exception is fine).
 */
class PublicTypesTest {

    static final String SECRET = Canary.githubClassic();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void everyPublicType_keepsTheCanaryOutOfToStringJacksonAndJavaSerialisation() throws Exception {
        List<Class<?>> types = publicTypes();
        assertThat(types).as("public types found").hasSizeGreaterThan(60);
        Set<String> instantiated = new TreeSet<>();
        Set<String> notInstantiated = new TreeSet<>();
        int instances = 0;
        int jacksonRefused = 0;
        int javaRefused = 0;
        ObjectMapper mapper = new ObjectMapper();
        SoftAssertions softly = new SoftAssertions();
        for (Class<?> type : types) {
            List<Object> made = instancesOf(type, 0);
            if (made.isEmpty()) {
                if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                    notInstantiated.add(type.getName());
                }
                continue;
            }
            instantiated.add(type.getName());
            for (Object o : made) {
                instances++;
                String what = type.getName() + " made as " + o.getClass().getName();
                softly.assertThat(safeToString(o)).as("toString of %s", what).doesNotContain(SECRET);
                try {
                    softly.assertThat(mapper.writeValueAsString(o)).as("Jackson of %s", what).doesNotContain(SECRET);
                } catch (IOException | RuntimeException e) {
                    jacksonRefused++;
                    softly.assertThat(String.valueOf(e.getMessage())).as("Jackson's refusal for %s", what).doesNotContain(SECRET);
                }
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                        out.writeObject(o);
                    }
                    softly.assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).as("Java serialisation of %s", what)
                            .doesNotContain(SECRET);
                } catch (NotSerializableException e) {
                    javaRefused++;
                }
            }
        }
        String figure = types.size() + " public types, " + instantiated.size() + " instantiated (" + instances
                + " instances); Jackson refused " + jacksonRefused + ", Java serialisation refused " + javaRefused
                + "; concrete types not instantiated: " + notInstantiated;
        System.out.println("FIGURE PublicTypesTest: " + figure);
        softly.assertAll();
        assertThat(instantiated).as(figure).contains(Token.class.getName(), "dev.patkit.core.CreatedToken",
                "dev.patkit.servicestage.PersonalAuthorization", "dev.patkit.servicestage.IamToken");
    }

    static String safeToString(Object o) {
        try {
            return String.valueOf(o);
        } catch (RuntimeException e) {
            // Made with a null where the type needs a value: not a leak; its message must not be one either.
            return String.valueOf(e.getMessage());
        }
    }

    // ---- finding the public API ---------------------------------------------------------------

    static List<Class<?>> publicTypes() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> anchor : List.of(Patkit.class, GitHubClient.class, GitLabClient.class, AtomGitClient.class,
                ServiceStageClient.class)) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (String name : classNames(location)) {
                if (name.contains(".internal.") || name.endsWith("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, PublicTypesTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass() && !c.isSynthetic()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    static List<String> classNames(Path location) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(
                        location.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "")));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF"))
                        .forEach(e -> names.add(e.getName().replace('/', '.').replaceAll("\\.class$", "")));
            }
        }
        return names;
    }

    // ---- making instances -------------------------------------------------------------------

    static List<Object> instancesOf(Class<?> type, int depth) {
        List<Object> out = new ArrayList<>();
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            if (constants.length > 0) {
                out.add(constants[0]);
            }
            return out;
        }
        if (depth > 3) {
            return out;
        }
        List<Executable> makers = new ArrayList<>();
        if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
            makers.addAll(List.of(type.getConstructors()));
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == type
                    && (type.isAssignableFrom(m.getReturnType()) || hasBuild(m.getReturnType(), type))) {
                makers.add(m);
            }
        }
        for (Executable maker : makers) {
            Object made = tryMake(type, maker, depth);
            if (made != null) {
                out.add(made);
            }
        }
        return out;
    }

    static boolean hasBuild(Class<?> builder, Class<?> type) {
        try {
            return type.isAssignableFrom(builder.getMethod("build").getReturnType());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static Object tryMake(Class<?> type, Executable maker, int depth) {
        Class<?>[] params = maker.getParameterTypes();
        Type[] generic = maker.getGenericParameterTypes();
        String[] names = parameterNames(type, maker);
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = valueFor(params[i], generic[i], names[i], depth + 1);
        }
        try {
            Object made = maker instanceof Constructor<?> c ? c.newInstance(args) : ((Method) maker).invoke(null, args);
            if (made != null && !type.isInstance(made)) {
                made = made.getClass().getMethod("build").invoke(made);
            }
            return made;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    static String[] parameterNames(Class<?> type, Executable maker) {
        String[] names = new String[maker.getParameterCount()];
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < names.length; i++) {
            names[i] = components != null && maker instanceof Constructor<?> && components.length == names.length
                    ? components[i].getName() : maker.getParameters()[i].getName();
        }
        return names;
    }

    static boolean secretish(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        boolean label = n.endsWith("id") || n.endsWith("ids") || n.endsWith("name") || n.endsWith("kind")
                || n.endsWith("type") || n.endsWith("fingerprint") || n.endsWith("prefix") || n.endsWith("query");
        return !label && (n.contains("secret") || n.contains("token") || n.contains("password") || n.contains("value")
                || n.contains("key") || n.contains("credential"));
    }

    static Object valueFor(Class<?> t, Type generic, String name, int depth) {
        if (t == String.class) {
            return secretish(name) ? SECRET : "plain";
        }
        if (t == Token.class || t == Credential.class) {
            return Token.of(SECRET);
        }
        if (t == char[].class) {
            return SECRET.toCharArray();
        }
        if (t == byte[].class) {
            return SECRET.getBytes(StandardCharsets.US_ASCII);
        }
        if (t == int.class || t == Integer.class) {
            return 1;
        }
        if (t == long.class || t == Long.class) {
            return 1L;
        }
        if (t == boolean.class || t == Boolean.class) {
            return Boolean.TRUE;
        }
        if (t == URI.class) {
            return URI.create("https://example.com/api");
        }
        if (t == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (t == Instant.class) {
            return CLOCK.instant();
        }
        if (t == LocalDate.class) {
            return LocalDate.now(CLOCK).plusDays(30);
        }
        if (t == Clock.class) {
            return CLOCK;
        }
        if (t == Path.class) {
            return Path.of(System.getProperty("java.io.tmpdir"), "patkit-public-types");
        }
        if (t == java.net.http.HttpHeaders.class) {
            return java.net.http.HttpHeaders.of(Map.of("Authorization", List.of("Bearer " + SECRET),
                    "PRIVATE-TOKEN", List.of(SECRET), "X-Auth-Token", List.of(SECRET), "X-Subject-Token", List.of(SECRET),
                    "Content-Type", List.of("application/json")), (a, b) -> true);
        }
        if (t == ObjectMapper.class) {
            return new ObjectMapper();
        }
        if (t == java.util.function.UnaryOperator.class) {
            return java.util.function.UnaryOperator.identity();
        }
        if (t == OptionalLong.class) {
            return OptionalLong.of(1);
        }
        if (t == OptionalInt.class) {
            return OptionalInt.of(1);
        }
        Class<?> element = typeArgument(generic, 0);
        if (t == Optional.class) {
            return Optional.ofNullable(element == null ? null : valueFor(element, null, name, depth));
        }
        if (t == List.class || t == Collection.class || t == Iterable.class) {
            Object v = element == null ? null : valueFor(element, null, name, depth);
            return v == null ? List.of() : List.of(v);
        }
        if (t == Set.class) {
            Object v = element == null ? null : valueFor(element, null, name, depth);
            return v == null ? Set.of() : Set.of(v);
        }
        if (t == Map.class) {
            return Map.of();
        }
        if (t.getName().startsWith("dev.patkit.")) {
            List<Object> made = instancesOf(t, depth);
            return made.isEmpty() ? null : made.get(0);
        }
        return null;
    }

    static Class<?> typeArgument(Type generic, int i) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length > i
                && p.getActualTypeArguments()[i] instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
