package dev.patkit.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.Owner;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.core.testing.StubClient;
import dev.patkit.core.testing.TestClock;
import dev.patkit.core.ScopeCatalogue;
import dev.patkit.core.Scopes;
import dev.patkit.core.ServerException;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.ValueSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AuditTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ScopeCatalogue CAT = ScopeCatalogue.builder("forge").scope("api", "all", "read_api")
            .scope("read_api", "read").scope("write_repository", "push", "read_repository").scope("read_repository", "pull")
            .build();

    static Authorization token(String provider, String name, AuthorizationStatus status, Instant expiry, List<String> scopes) {
        return Authorization.builder(provider, URI.create("https://" + provider + ".example")).tokenName(name)
                .owner(new Owner("1", Optional.of("alice"), Optional.empty(), Owner.Kind.USER), ValueSource.SERVER)
                .status(status).expiresAt(Optional.ofNullable(expiry), ValueSource.SERVER)
                .scopes(scopes == null ? Scopes.unknown() : Scopes.of(scopes, CAT), ValueSource.SERVER).build();
    }

    /** A client that lists fixed records, or inspects one, or fails. */
    static ProviderClient client(String provider, boolean lists, List<Authorization> records, boolean fails) {
        URI base = URI.create("https://" + provider + ".example");
        TokenFamily family = new TokenFamily(provider, provider + " tokens", lists ? Set.of(Capability.LIST) : Set.of()) {
            @Override
            public Stream<Authorization> list(TokenQuery query) {
                return lists ? records.stream() : super.list(query);
            }
        };
        return new StubClient(provider, base, () -> fails
                ? CompletableFuture.failedFuture(new ServerException("down", ErrorContext.of(provider, "inspect")))
                : CompletableFuture.completedFuture(records.get(0)), family);
    }

    @Test
    void auditFindsExactlyWhatNeedsAttention() {
        ProviderClient forge = client("forge", true, List.of(
                token("forge", "soon", AuthorizationStatus.ACTIVE, NOW.plus(Duration.ofDays(10)), List.of("read_api")),
                token("forge", "fine", AuthorizationStatus.ACTIVE, NOW.plus(Duration.ofDays(90)), List.of("read_api")),
                token("forge", "broad", AuthorizationStatus.ACTIVE, null, List.of("api", "write_repository")),
                token("forge", "gone", AuthorizationStatus.REVOKED, null, List.of("api"))), false);
        ProviderClient opaque = client("atom", false, List.of(
                token("atom", "mine", AuthorizationStatus.ACTIVE, null, null)), false);
        ProviderClient store = client("store", true, List.of(
                token("store", "stale", AuthorizationStatus.EXPIRED, null, null),
                token("store", "ok", AuthorizationStatus.ACTIVE, null, null)), false);
        ProviderClient broken = client("broken", false, List.of(), true);
        List<String> progress = new ArrayList<>();

        AuditReport report = Audit.builder().source(forge).source(opaque).store(store).source(broken)
                .expiringWithin(Duration.ofDays(30)).needs("forge", "read_api").clock(CLOCK).progress(progress::add)
                .build().run();

        assertThat(report.at()).isEqualTo(NOW);
        assertThat(report.entries()).hasSize(7);
        assertThat(report.findings()).extracting(f -> f.kind() + " " + f.authorization().tokenName().orElse("-"))
                .containsExactly(
                        "EXPIRES_SOON soon",
                        "BROADER_THAN_NEEDED broad",
                        "INACTIVE gone",
                        "PERMISSIONS_UNKNOWN mine",
                        "STORED_BUT_INACTIVE stale",
                        "SOURCE_FAILED -");
        assertThat(report.findings(Finding.Kind.BROADER_THAN_NEEDED)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("[api, write_repository]"));
        assertThat(report.findings(Finding.Kind.EXPIRES_SOON).get(0).message()).contains("in 10 days");
        assertThat(progress).hasSize(4);
    }

    @Test
    void expiryWarningsFireOncePerThreshold() {
        TestClock moving = new TestClock(NOW);
        List<ExpiryWarning> warnings = new ArrayList<>();
        ExpiryWarnings w = ExpiryWarnings.standard(moving, warnings::add);
        Authorization t = token("forge", "t", AuthorizationStatus.ACTIVE, NOW.plus(Duration.ofDays(40)), List.of());
        assertThat(w.check(t)).isNull();
        moving.set(NOW.plus(Duration.ofDays(11)));
        assertThat(w.check(t).threshold()).isEqualTo(Duration.ofDays(30));
        assertThat(w.check(t)).isNull();
        moving.set(NOW.plus(Duration.ofDays(39).plusHours(1)));
        assertThat(w.check(t).threshold()).isEqualTo(Duration.ofDays(1));
        assertThat(w.checkAll(List.of(t, t))).isEmpty();
        assertThat(warnings).extracting(ExpiryWarning::threshold).containsExactly(Duration.ofDays(30), Duration.ofDays(1));
        assertThat(w.check(token("forge", "never", AuthorizationStatus.ACTIVE, null, List.of()))).isNull();
    }
}
