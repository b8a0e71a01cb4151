package dev.patkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The boundaries hold on the class path too: no public or protected member of a public type in an
 * exported package names a type from an {@code internal} package in its signature (return, parameter,
 * field or exception types, type arguments included). Otherwise an internal type would be API.
 */
class ApiBoundaryTest {

    @Test
    void noPublicSignature_namesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = PublicTypesTest.publicTypes();
        for (Class<?> type : types) {
            if (type.getSuperclass() != null && type.getGenericSuperclass().getTypeName().contains(".internal.")) {
                leaks.add(type.getName() + " extends " + type.getGenericSuperclass().getTypeName());
            }
            for (var i : type.getGenericInterfaces()) {
                if (i.getTypeName().contains(".internal.")) {
                    leaks.add(type.getName() + " implements " + i.getTypeName());
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && m.toGenericString().contains(".internal.")) {
                    leaks.add(m.toGenericString());
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !c.isSynthetic() && c.toGenericString().contains(".internal.")) {
                    leaks.add(c.toGenericString());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic() && f.toGenericString().contains(".internal.")) {
                    leaks.add(f.toGenericString());
                }
            }
        }
        assertThat(types).as("public types found").hasSizeGreaterThan(100);
        assertThat(leaks).as("public signatures that name internal types").isEmpty();
    }

    /**
     * No public interface of an exported package, and no class of an SPI package, refers to an
     * internal class at all (a default method that constructs one is how an API type comes to
     * depend on the implementation).
     */
    @Test
    void publicInterfacesAndTheSpi_referNoInternalClass() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : PublicTypesTest.publicTypes()) {
            boolean spi = type.getPackageName().endsWith(".spi");
            if (!type.isInterface() && !spi) {
                continue;
            }
            String resource = type.getName().replace('.', '/') + ".class";
            try (var in = type.getClassLoader().getResourceAsStream(resource)) {
                String constants = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (constants.contains("/internal/")) {
                    offenders.add(type.getName());
                }
            }
        }
        assertThat(offenders).as("public interfaces or SPI classes that refer to internal classes").isEmpty();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
