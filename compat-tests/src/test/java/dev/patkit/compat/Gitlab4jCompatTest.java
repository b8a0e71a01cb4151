package dev.patkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import dev.patkit.testkit.TokenStanding;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.ImpersonationToken;
import org.gitlab4j.api.models.PersonalAccessToken;
import org.gitlab4j.api.models.ProjectAccessToken;
import org.gitlab4j.api.models.User;
import org.gitlab4j.models.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * gitlab4j-api (a real GitLab client from Maven Central) runs every token operation it offers
 * against the GitLab fake; each test asserts what the client returns. The README's table lists
 * the same operations and their results.
 */
class Gitlab4jCompatTest {

    @RegisterExtension
    static final FakeGitLab gitlab = FakeGitLab.create().withoutRequestJournal();

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private FakeUser alice;
    private FakeUser root;
    private FakeToken aliceToken;
    private FakeToken rootToken;
    private GitLabApi asAlice;
    private GitLabApi asRoot;

    @BeforeAll
    static void quiet() {
        QuietClients.apply();
    }

    @BeforeEach
    void seed() {
        gitlab.reset();
        gitlab.setNow(NOW);
        alice = gitlab.addUser("alice", "Alice Liddell");
        root = gitlab.addAdmin("root", "Administrator");
        aliceToken = gitlab.addToken(TokenSeed.named("alice-api").owner(alice).scopes("api", "read_user")
                .expiresOn(LocalDate.parse("2026-12-31")).secret(Canary.gitlab()));
        rootToken = gitlab.addToken(TokenSeed.named("root-api").owner(root).scopes("api")
                .expiresOn(LocalDate.parse("2026-12-31")).secret(Canary.gitlab()));
        asAlice = client(aliceToken.secret());
        asRoot = client(rootToken.secret());
    }

    @AfterEach
    void closeClients() {
        asAlice.close();
        asRoot.close();
    }

    private static GitLabApi client(String secret) {
        return new GitLabApi(GitLabApi.ApiVersion.V4, gitlab.rootUri().toString(), secret);
    }

    private static Date date(String isoDate) {
        return Date.from(LocalDate.parse(isoDate).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    @Test
    void currentUser() throws GitLabApiException {
        User me = asAlice.getUserApi().getCurrentUser();
        assertThat(me.getId()).isEqualTo(Long.parseLong(alice.id()));
        assertThat(me.getUsername()).isEqualTo("alice");
        assertThat(me.getName()).isEqualTo("Alice Liddell");
        assertThat(me.getEmail()).isEqualTo("alice@example.com");
        assertThat(me.getIsAdmin()).isFalse();
        assertThat(me.getBot()).isFalse();
        assertThat(me.getState()).isEqualTo("active");
    }

    @Test
    void tokenSelf() throws GitLabApiException {
        PersonalAccessToken self = asAlice.getPersonalAccessTokenApi().getPersonalAccessToken();
        assertThat(self.getId()).isEqualTo(Long.parseLong(aliceToken.id()));
        assertThat(self.getName()).isEqualTo("alice-api");
        assertThat(self.getUserId()).isEqualTo(Long.parseLong(alice.id()));
        assertThat(self.isActive()).isTrue();
        assertThat(self.isRevoked()).isFalse();
        assertThat(self.getExpiresAt()).isEqualTo(date("2026-12-31"));
        assertThat(self.getCreatedAt()).isEqualTo(Date.from(NOW));
        assertThat(self.getLastUsedAt()).isEqualTo(Date.from(NOW));
        assertThat(self.getToken()).isNull();
        // read_user is not in gitlab4j's ProjectAccessTokenScope enum: it reads that scope as null.
        assertThat(self.getScopes()).containsExactly(Constants.ProjectAccessTokenScope.API, null);
    }

    @Test
    void listTokens_returnsTheFirstPageOnly() throws GitLabApiException {
        for (int i = 1; i <= 24; i++) {
            gitlab.addToken(TokenSeed.named(String.format("extra-%02d", i)).owner(alice).scopes("read_api"));
        }
        List<PersonalAccessToken> listed = asAlice.getPersonalAccessTokenApi().getPersonalAccessTokens();
        // One GET without page parameters: GitLab's default page of 20, of alice's 25 tokens.
        assertThat(listed).hasSize(20);
        assertThat(listed.get(0).getName()).isEqualTo("alice-api");
        assertThat(listed.get(19).getName()).isEqualTo("extra-19");
        assertThat(listed).allSatisfy(t -> assertThat(t.getUserId()).isEqualTo(Long.parseLong(alice.id())));
        assertThat(listed).allSatisfy(t -> assertThat(t.getToken()).isNull());
    }

    @Test
    void getTokenById() throws GitLabApiException {
        PersonalAccessToken byId = asRoot.getPersonalAccessTokenApi().getPersonalAccessToken(aliceToken.id());
        assertThat(byId.getId()).isEqualTo(Long.parseLong(aliceToken.id()));
        assertThat(byId.getName()).isEqualTo("alice-api");
        assertThat(byId.getUserId()).isEqualTo(Long.parseLong(alice.id()));
        assertThat(byId.getExpiresAt()).isEqualTo(date("2026-12-31"));
    }

    @Test
    void createPersonalAccessToken_asAdmin_sendsAFormWithADateTime() throws GitLabApiException {
        ImpersonationToken created = asRoot.getUserApi().createPersonalAccessToken(alice.id(), "ci", "for CI",
                date("2026-06-01"), new ImpersonationToken.Scope[] {ImpersonationToken.Scope.API,
                        ImpersonationToken.Scope.READ_REPOSITORY});
        assertThat(created.getName()).isEqualTo("ci");
        assertThat(created.getDescription()).isEqualTo("for CI");
        assertThat(created.getUserId()).isEqualTo(Long.parseLong(alice.id()));
        assertThat(created.getExpiresAt()).isEqualTo(date("2026-06-01"));
        assertThat(created.getScopes()).containsExactly(ImpersonationToken.Scope.API,
                ImpersonationToken.Scope.READ_REPOSITORY);
        assertThat(created.getActive()).isTrue();
        assertThat(created.getToken()).startsWith("glpat-");
        assertThat(gitlab.standing(created.getToken())).isEqualTo(TokenStanding.ACTIVE);
        assertThat(gitlab.ownerOf(created.getToken())).contains(alice);
    }

    @Test
    void rotateById_andSelf() throws GitLabApiException {
        PersonalAccessToken rotated = asRoot.getPersonalAccessTokenApi()
                .rotatePersonalAccessToken(aliceToken.id(), date("2026-04-01"));
        assertThat(rotated.getId()).isNotEqualTo(Long.parseLong(aliceToken.id()));
        assertThat(rotated.getName()).isEqualTo("alice-api");
        assertThat(rotated.getExpiresAt()).isEqualTo(date("2026-04-01"));
        assertThat(rotated.getToken()).startsWith("glpat-");
        assertThat(gitlab.standing(aliceToken.secret())).isEqualTo(TokenStanding.REVOKED);
        assertThat(gitlab.standing(rotated.getToken())).isEqualTo(TokenStanding.ACTIVE);

        try (GitLabApi next = client(rotated.getToken())) {
            PersonalAccessToken self = next.getPersonalAccessTokenApi().rotatePersonalAccessToken();
            // Without an expiry the fake applies GitLab's default when expiry is required: one week.
            assertThat(self.getExpiresAt()).isEqualTo(date("2026-03-08"));
            assertThat(gitlab.standing(rotated.getToken())).isEqualTo(TokenStanding.REVOKED);
            assertThat(gitlab.standing(self.getToken())).isEqualTo(TokenStanding.ACTIVE);
        }
    }

    @Test
    void revokeById() throws GitLabApiException {
        asAlice.getPersonalAccessTokenApi().revokePersonalAccessToken(Long.parseLong(aliceToken.id()));
        assertThat(gitlab.standing(aliceToken.secret())).isEqualTo(TokenStanding.REVOKED);
    }

    @Test
    void impersonationTokens_createListGetRevoke() throws GitLabApiException {
        ImpersonationToken created = asRoot.getUserApi().createImpersonationToken(alice.id(), "imp",
                date("2026-05-01"), new ImpersonationToken.Scope[] {ImpersonationToken.Scope.READ_API});
        assertThat(created.getImpersonation()).isTrue();
        assertThat(created.getExpiresAt()).isEqualTo(date("2026-05-01"));
        assertThat(created.getScopes()).containsExactly(ImpersonationToken.Scope.READ_API);
        assertThat(asRoot.getUserApi().getImpersonationTokens(alice.id())).extracting(ImpersonationToken::getName)
                .containsExactly("imp");
        assertThat(asRoot.getUserApi().getImpersonationToken(alice.id(), created.getId()).getName()).isEqualTo("imp");
        asRoot.getUserApi().revokeImpersonationToken(alice.id(), created.getId());
        assertThat(gitlab.standing(created.getToken())).isEqualTo(TokenStanding.REVOKED);
        assertThat(asRoot.getUserApi().getImpersonationTokens(alice.id(), Constants.ImpersonationState.ACTIVE))
                .isEmpty();
    }

    @Test
    void projectAccessTokens_createListGetRotateRevoke() throws GitLabApiException {
        ProjectAccessToken created = asAlice.getProjectApi().createProjectAccessToken("group/app", "deploy",
                List.of(Constants.ProjectAccessTokenScope.READ_REPOSITORY), date("2026-05-01"), 30L);
        assertThat(created.getName()).isEqualTo("deploy");
        assertThat(created.getExpiresAt()).isEqualTo(date("2026-05-01"));
        assertThat(created.getScopes()).containsExactly(Constants.ProjectAccessTokenScope.READ_REPOSITORY);
        assertThat(created.getAccessLevel()).isEqualTo(30L);
        assertThat(created.getUserId()).isNotEqualTo(Long.parseLong(alice.id()));
        assertThat(asAlice.getProjectApi().listProjectAccessTokens("group/app"))
                .extracting(ProjectAccessToken::getName).containsExactly("deploy");
        assertThat(asAlice.getProjectApi().getProjectAccessToken("group/app", created.getId()).getName())
                .isEqualTo("deploy");
        ProjectAccessToken rotated = asAlice.getProjectApi().rotateProjectAccessToken("group/app", created.getId(),
                date("2026-04-15"));
        assertThat(rotated.getExpiresAt()).isEqualTo(date("2026-04-15"));
        assertThat(gitlab.standing(created.getToken())).isEqualTo(TokenStanding.REVOKED);
        asAlice.getProjectApi().revokeProjectAccessToken("group/app", rotated.getId());
        assertThat(gitlab.standing(rotated.getToken())).isEqualTo(TokenStanding.REVOKED);
    }

    @Test
    void groupAccessTokens_createListGetRotateRevoke() throws GitLabApiException {
        var created = asAlice.getGroupApi().createGroupAccessToken("group", "bot", "for the group",
                date("2026-05-01"), new ImpersonationToken.Scope[] {ImpersonationToken.Scope.READ_API},
                org.gitlab4j.api.models.AccessLevel.DEVELOPER);
        assertThat(created.getName()).isEqualTo("bot");
        assertThat(created.getExpiresAt()).isEqualTo(date("2026-05-01"));
        assertThat(asAlice.getGroupApi().getGroupAccessTokens("group")).hasSize(1);
        assertThat(asAlice.getGroupApi().getGroupAccessToken("group", created.getId()).getName()).isEqualTo("bot");
        var rotated = asAlice.getGroupApi().rotateGroupAccessToken("group", created.getId(), date("2026-04-15"));
        assertThat(rotated.getExpiresAt()).isEqualTo(date("2026-04-15"));
        asAlice.getGroupApi().revokeGroupAccessToken("group", rotated.getId());
        assertThat(gitlab.standing(rotated.getToken())).isEqualTo(TokenStanding.REVOKED);
    }

    @Test
    void rateLimit_isA429TheClientReports() {
        gitlab.rateLimit(1);
        try {
            GitLabApiException e = catchThrowableOfType(GitLabApiException.class, () -> {
                asAlice.getUserApi().getCurrentUser();
                asAlice.getUserApi().getCurrentUser();
            });
            assertThat(e.getHttpStatus()).isEqualTo(429);
            // Rack::Attack's throttled body, as text: the client passes it on as it came.
            assertThat(e.getMessage()).isEqualTo("Retry later\n");
            assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("60");
        } finally {
            gitlab.rateLimit(2000);
        }
    }

    @Test
    void badToken_is401() {
        String secret = Canary.gitlab();
        try (GitLabApi bad = client(secret)) {
            GitLabApiException e = catchThrowableOfType(GitLabApiException.class,
                    () -> bad.getUserApi().getCurrentUser());
            assertThat(e.getHttpStatus()).isEqualTo(401);
            assertThat(e.getMessage()).isEqualTo("401 Unauthorized");
            Leaks.assertNotIn(e, secret);
        }
    }

    @Test
    void unknownId_is404ForAnAdminAnd401OtherwiseOnGet_404OnRevoke() {
        GitLabApiException adminGet = catchThrowableOfType(GitLabApiException.class,
                () -> asRoot.getPersonalAccessTokenApi().getPersonalAccessToken("9999"));
        GitLabApiException userGet = catchThrowableOfType(GitLabApiException.class,
                () -> asAlice.getPersonalAccessTokenApi().getPersonalAccessToken("9999"));
        GitLabApiException userRevoke = catchThrowableOfType(GitLabApiException.class,
                () -> asAlice.getPersonalAccessTokenApi().revokePersonalAccessToken(9999L));
        assertThat(adminGet.getHttpStatus()).isEqualTo(404);
        assertThat(adminGet.getMessage()).isEqualTo("404 Not Found");
        assertThat(userGet.getHttpStatus()).isEqualTo(401);
        assertThat(userGet.getMessage()).isEqualTo("401 Unauthorized");
        assertThat(userRevoke.getHttpStatus()).isEqualTo(404);
        assertThat(userRevoke.getMessage()).isEqualTo("404 Not found");
    }
}
