package dev.patkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesTest {

    static final ScopeCatalogue CATALOGUE = ScopeCatalogue.builder("demo")
            .scope("admin", "everything", "write")
            .scope("write", "write things", "read")
            .scope("read", "read things")
            .scope("other", "unrelated")
            .build();

    @Test
    void implicationIsTransitive() {
        Scopes s = Scopes.of(List.of("admin"), CATALOGUE);
        assertThat(s.allows("read")).isEqualTo(Permission.ALLOWED);
        assertThat(s.allows("write")).isEqualTo(Permission.ALLOWED);
        assertThat(s.allows("other")).isEqualTo(Permission.DENIED);
        assertThat(s.effective()).containsExactlyInAnyOrder("admin", "write", "read");
    }

    @Test
    void unknownScopesAreThreeValued() {
        assertThat(Scopes.unknown().isKnown()).isFalse();
        assertThat(Scopes.unknown().allows("read")).isEqualTo(Permission.UNKNOWN);
        assertThat(Scopes.unknown().missing(List.of("read"))).isEmpty();
        assertThat(Scopes.unknown().allowsAny(List.of("read"))).isEqualTo(Permission.UNKNOWN);
        assertThat(Scopes.unknown()).hasToString("UNKNOWN");
    }

    @Test
    void scopesNotInTheCatalogueAreKept() {
        Scopes s = Scopes.of(List.of("read", " brand_new_scope "), CATALOGUE);
        assertThat(s.names()).containsExactlyInAnyOrder("read", "brand_new_scope");
        assertThat(s.allows("brand_new_scope")).isEqualTo(Permission.ALLOWED);
        assertThat(s.missing(List.of("write", "read"))).containsExactly("write");
    }

    @Test
    void emptyKnownScopesDenyEverything() {
        Scopes s = Scopes.of(List.of(), CATALOGUE);
        assertThat(s.isKnown()).isTrue();
        assertThat(s.allows("read")).isEqualTo(Permission.DENIED);
    }

    @Test
    void requireKnown_listsTheValidScopes() {
        assertThatThrownBy(() -> CATALOGUE.requireKnown(List.of("read", "wrte")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("[wrte]")
                .hasMessageContaining("Valid scopes: [admin, write, read, other]");
        CATALOGUE.requireKnown(List.of("read", "admin"));
    }
}
