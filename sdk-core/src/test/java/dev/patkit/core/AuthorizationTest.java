package dev.patkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

    private static final URI HOST = URI.create("https://gitlab.example/api/v4");

    private static Authorization.Builder base(Clock clock) {
        return Authorization.builder("demo", HOST).status(AuthorizationStatus.ACTIVE);
    }

    @Test
    void expiresWithin_usesTheInjectedClock() {
        Instant expiry = Instant.parse("2026-01-01T00:00:00Z");
        Clock justBefore = Clock.fixed(Instant.parse("2025-12-31T23:59:59Z"), ZoneOffset.UTC);
        Clock atExpiry = Clock.fixed(expiry, ZoneOffset.UTC);
        Authorization a = base(justBefore).expiresAt(expiry, ValueSource.SERVER).build();
        assertThat(a.isActive(justBefore)).isTrue();
        assertThat(a.expiresWithin(Duration.ofSeconds(1), justBefore)).isTrue();
        assertThat(a.expiresWithin(Duration.ZERO, justBefore)).isFalse();
        assertThat(a.expiresWithin(Duration.ZERO, atExpiry)).isTrue();
        assertThat(a.isActive(atExpiry)).isFalse();
    }

    @Test
    void noExpiry_neverExpiresWithin() {
        Authorization a = base(Clock.systemUTC()).build();
        assertThat(a.expiresWithin(Duration.ofDays(36500), Clock.systemUTC())).isFalse();
        assertThat(a.sourceOf(Authorization.Field.EXPIRY)).isEmpty();
    }

    @Test
    void require_namesTheMissingScopes() {
        Authorization a = base(Clock.systemUTC()).tokenName("ci")
                .scopes(Scopes.of(List.of("write"), ScopesTest.CATALOGUE), ValueSource.SERVER).build();
        assertThat(a.require("read", "write")).isSameAs(a);
        assertThatThrownBy(() -> a.require("read", "admin", "other"))
                .isInstanceOf(PermissionException.class)
                .hasMessageContaining("[admin, other]")
                .satisfies(e -> assertThat(((PermissionException) e).missingScopes()).containsExactly("admin", "other"));
    }

    @Test
    void require_passesWhenScopesCannotBeKnown() {
        Authorization a = base(Clock.systemUTC()).scopes(Scopes.unknown(), ValueSource.SERVER).build();
        assertThat(a.require("anything")).isSameAs(a);
        assertThat(a.sourceOf(Authorization.Field.SCOPES)).isEmpty();
    }

    @Test
    void sourcesAreRecordedPerField() {
        Authorization a = base(Clock.systemUTC())
                .owner(new Owner("42", Optional.of("alice"), Optional.empty(), Owner.Kind.USER), ValueSource.SERVER)
                .scopes(Scopes.of(List.of("read"), ScopesTest.CATALOGUE), ValueSource.CALLER)
                .expiresAt(Instant.EPOCH, ValueSource.TOKEN_FORMAT).build();
        assertThat(a.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.SERVER);
        assertThat(a.sourceOf(Authorization.Field.SCOPES)).contains(ValueSource.CALLER);
        assertThat(a.sourceOf(Authorization.Field.EXPIRY)).contains(ValueSource.TOKEN_FORMAT);
    }

    @Test
    void raw_dropsSecretFieldsAtAnyDepth() {
        Map<String, Object> raw = Map.of("id", 7, "token", "glpat-secret-value",
                "nested", Map.of("Password", "p4ss", "name", "x"), "list", List.of(Map.of("access_token", "t", "k", 1)));
        Authorization a = base(Clock.systemUTC()).raw(raw).build();
        assertThat(a.raw()).containsOnlyKeys("id", "nested", "list");
        assertThat(a.raw().toString()).doesNotContain("glpat-secret-value").doesNotContain("p4ss").doesNotContain("=t");
        assertThat(a.toString()).doesNotContain("secret");
    }

    @Test
    void lazyRaw_isBuiltOnceOnFirstUse_andStillDropsSecrets() {
        int[] calls = {0};
        Authorization a = base(Clock.systemUTC()).raw(() -> {
            calls[0]++;
            return Map.of("id", 9, "token", "glpat-lazy-secret", "nested", Map.of("password", "p"));
        }).build();
        assertThat(calls[0]).as("not built by build()").isZero();
        assertThat(a.toString()).doesNotContain("lazy-secret");
        assertThat(a.raw()).containsOnlyKeys("id", "nested");
        assertThat(a.raw()).isSameAs(a.raw());
        assertThat(a.toBuilder().build().raw()).isEqualTo(a.raw());
        assertThat(calls[0]).isEqualTo(1);
    }
}
