package dev.patkit.atomgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Owner;
import dev.patkit.core.Permission;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.ValueSource;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the caller records about a token, and the checks it allows without any request. */
class RecordedTokenTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()).baseUri(URI.create("http://127.0.0.1:9/api/v5")));


    private AtomGitClient client(RecordedToken record) {
        return forge.patkit().client("atomgit", AtomGitCredential.of(Token.of(Canary.opaque()), record))
                .unwrap(AtomGitClient.class);
    }

    @Test
    void catalogue_holdsTheSeventeenDocumentedScopesWithDescriptions() {
        assertThat(AtomGitScopes.CATALOGUE.all()).extracting(s -> s.name()).containsExactly("repo",
                "admin:repo_issues", "admin:org_issues", "workflow", "write:packages", "delete:packages", "admin:org",
                "admin:public_key", "admin:repo_hook", "admin:org_hook", "notifications", "user", "delete_repo",
                "audit_log", "project", "admin:gpg_key", "admin:ssh_signing_key");
        assertThat(AtomGitScopes.CATALOGUE.all()).allSatisfy(s -> {
            assertThat(s.description()).isNotBlank();
            assertThat(s.implies()).isEmpty();
        });
        assertThat(AtomGitScopes.CATALOGUE.provider()).isEqualTo("atomgit");
    }

    @Test
    void scopes_unknownName_isRejectedListingTheValidOnes() {
        assertThatThrownBy(() -> RecordedToken.builder().scopes("repo", "read_user"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("[read_user]")
                .hasMessageContaining("admin:repo_issues");
    }

    @Test
    void scopesUnchecked_keepsNamesOutsideTheCatalogue() {
        RecordedToken r = RecordedToken.builder().scopesUnchecked(List.of("read_user", " api ", "")).build();

        assertThat(r.scopes()).contains(Set.of("read_user", "api"));
    }

    @Test
    void expiresOn_isTheStartOfThatDayInChinaStandardTime_orInAGivenZone() {
        assertThat(RecordedToken.builder().expiresOn(LocalDate.of(2027, 1, 1)).build().expiresAt())
                .contains(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(RecordedToken.builder().expiresOn(LocalDate.of(2027, 1, 1), ZoneOffset.UTC).build().expiresAt())
                .contains(Instant.parse("2027-01-01T00:00:00Z"));
        // An unknown expiry is a setter not called, never a null.
        assertThat(RecordedToken.builder().name("ci").build().expiresAt()).isEmpty();
        assertThatThrownBy(() -> RecordedToken.builder().expiresOn(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void blankNameOwnerOrLogin_isRejected() {
        assertThatThrownBy(() -> RecordedToken.builder().name("  ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("token name");
        assertThatThrownBy(() -> RecordedToken.builder().ownerId("")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> RecordedToken.builder().ownerLogin(" ")).isInstanceOf(ValidationException.class);
    }

    @Test
    void valueSemantics_andToBuilder() {
        RecordedToken r = RecordedToken.builder().name("ci").scopes("repo").expiresAt(ProviderHarness.NOW).ownerId("a").ownerLogin("b")
                .build();

        assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(r.toBuilder().name("other").build()).isNotEqualTo(r);
        assertThat(r.toString()).contains("ci").contains("[repo]").contains(ProviderHarness.NOW.toString());
    }

    @Test
    void recordedAuthorization_answersExpiryAndScopeQuestionsOffline() {
        AtomGitClient client = client(RecordedToken.builder().name("deploy").scopes("repo", "workflow")
                .expiresAt(ProviderHarness.NOW.plus(Duration.ofDays(5))).ownerId("6601148c5079ba0d1c00fc0e").ownerLogin("yinlin").build());

        Authorization a = client.recordedAuthorization();

        assertThat(a.status()).isEqualTo(AuthorizationStatus.UNKNOWN);
        assertThat(a.tokenName()).contains("deploy");
        assertThat(a.expiresWithin(Duration.ofDays(7), forge.clock())).isTrue();
        assertThat(a.expiresWithin(Duration.ofDays(3), forge.clock())).isFalse();
        assertThat(a.scopes().allows("workflow")).isEqualTo(Permission.ALLOWED);
        assertThat(a.scopes().allows("admin:org")).isEqualTo(Permission.DENIED);
        assertThatThrownBy(() -> a.require("repo", "admin:org")).isInstanceOf(PermissionException.class)
                .hasMessageContaining("admin:org").hasMessageContaining("deploy");
        assertThat(a.owner()).contains(new Owner("6601148c5079ba0d1c00fc0e", Optional.of("yinlin"), Optional.empty(), Owner.Kind.USER));
        assertThat(a.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.CALLER);
        assertThat(a.sourceOf(Authorization.Field.SCOPES)).contains(ValueSource.CALLER);
        assertThat(a.sourceOf(Authorization.Field.EXPIRY)).contains(ValueSource.CALLER);
        assertThat(client.knownOwner().orElseThrow().id()).isEqualTo("6601148c5079ba0d1c00fc0e");
        assertThat(client.rateLimit()).isEmpty();
    }

    @Test
    void recordedAuthorization_pastExpiry_isExpired() {
        Authorization a = client(RecordedToken.builder().expiresAt(ProviderHarness.NOW).build()).recordedAuthorization();

        assertThat(a.status()).isEqualTo(AuthorizationStatus.EXPIRED);
        assertThat(a.isActive(forge.clock())).isFalse();
    }

    @Test
    void recordedAuthorization_withoutRecord_knowsNothing() {
        AtomGitClient client = forge.patkit().client("atomgit", Token.of(Canary.opaque())).unwrap(AtomGitClient.class);

        Authorization a = client.recordedAuthorization();

        assertThat(client.recorded()).isEmpty();
        assertThat(a.status()).isEqualTo(AuthorizationStatus.UNKNOWN);
        assertThat(a.scopes().isKnown()).isFalse();
        assertThat(a.scopes().allows("repo")).isEqualTo(Permission.UNKNOWN);
        assertThat(a.owner()).isEmpty();
        assertThat(a.expiresAt()).isEmpty();
        assertThat(client.knownOwner()).isEmpty();
    }

    @Test
    void withRecord_givesAViewWithTheNewRecord_andLeavesTheOriginalAlone() {
        AtomGitClient original = forge.patkit().client("atomgit", Token.of(Canary.opaque())).unwrap(AtomGitClient.class);
        RecordedToken record = RecordedToken.builder().name("n").build();

        AtomGitClient view = original.withRecord(record);

        assertThat(view.recorded()).contains(record);
        assertThat(original.recorded()).isEmpty();
        assertThat(view.baseUri()).isEqualTo(original.baseUri());
    }
}
