package dev.patkit.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patkit.core.TokenSpec;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.Futures;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input is refused before any request: the WireMock journal stays empty in every test. */
class ValidationTest extends GitLabTestSupport {

    private static final LocalDate TODAY = LocalDate.parse("2025-12-30");

    @AfterEach
    void nothingWasSent() {
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    private static TokenSpec spec(String name, List<String> scopes, LocalDate expires) {
        return TokenSpec.of(name, scopes, expires).forOwner("17");
    }

    @Test
    void blankName_isRefused() {
        assertThatThrownBy(() -> client.tokens().create(spec("  ", List.of("api"), TODAY.plusDays(30))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("name must not be blank");
    }

    @Test
    void expiryInThePastOrToday_isRefused() {
        assertThatThrownBy(() -> client.tokens().create(spec("x", List.of("api"), TODAY.minusDays(1))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is not after today (2025-12-30 UTC)");
        assertThatThrownBy(() -> client.tokens().create(spec("x", List.of("api"), TODAY)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("stops working at 00:00 UTC");
    }

    @Test
    void expiryBeyond365Days_isRefused_unless400Configured() {
        assertThatThrownBy(() -> client.tokens().create(spec("x", List.of("api"), TODAY.plusDays(366))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("more than 365 days ahead");
        assertThatThrownBy(() -> client.tokens().rotate("4242", TODAY.plusDays(366)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("more than 365 days ahead");
        GitLabClient lenient = client.withMaxTokenLifetime(400);
        assertThat(lenient.maxTokenLifetimeDays()).isEqualTo(400);
        assertThatThrownBy(() -> lenient.tokens().create(spec("x", List.of("api"), TODAY.plusDays(401))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("more than 400 days ahead");
        assertThatThrownBy(() -> client.withMaxTokenLifetime(401)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noScopes_isRefused() {
        assertThatThrownBy(() -> client.tokens().create(spec("x", List.of(), TODAY.plusDays(30))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("At least one scope");
    }

    @Test
    void unknownScope_isRefused_listingTheValidOnes() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> client.tokens().create(spec("x", List.of("api", "write_everything"), TODAY.plusDays(30))));
        assertThat(e).hasMessageContaining("[write_everything]").hasMessageContaining("Valid scopes:")
                .hasMessageContaining("read_api").hasMessageContaining("read_service_ping");
    }

    @Test
    void descriptionOver255Characters_isRefused() {
        assertThatThrownBy(() -> client.tokens().create(spec("x", List.of("api"), TODAY.plusDays(30)).withDescription("d".repeat(256))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("256 characters");
    }

    /**
     * github-gitlab.md, GitLab §3 "Project access tokens": access_level is 10, 15, 20, 30, 40 or 50;
     * min_access_level (§3, self/associations) takes all eight roles, 5 and 25 included.
     */
    @Test
    void accessLevelNotATokenRole_isRefused() {
        TokenSpec ok = TokenSpec.of("deploy", List.of("read_repository"), TODAY.plusDays(30));
        assertThatThrownBy(() -> client.projectTokens("5", GitLabAccessLevel.SECURITY_MANAGER).create(ok))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Access level 25 cannot be given to an access token");
        assertThatThrownBy(() -> Futures.join(client.groupTokens("5", GitLabAccessLevel.MINIMAL_ACCESS).async().create(ok)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> GitLabAccessLevel.of(60)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Access level 60 is not a GitLab role");
        assertThat(GitLabAccessLevel.of(15)).isEqualTo(GitLabAccessLevel.PLANNER);
        assertThat(GitLabAccessLevel.of(5)).isEqualTo(GitLabAccessLevel.MINIMAL_ACCESS);
        assertThat(GitLabAccessLevel.of(25)).isEqualTo(GitLabAccessLevel.SECURITY_MANAGER);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void malformedIds_areRefused() {
        assertThatThrownBy(() -> client.tokens().get("../../users")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("number or 'self'");
        assertThatThrownBy(() -> client.tokens().revoke(" ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.impersonationTokens("self").get("1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("user id is a number");
        assertThatThrownBy(() -> client.projectTokens(" ")).isInstanceOf(ValidationException.class);
    }

    @Test
    void impersonationToken_withoutExpiry_isRefused() {
        assertThatThrownBy(() -> client.impersonationTokens("31").create(TokenSpec.of("s", List.of("read_api"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("requires an expiry date");
    }

    @Test
    void asyncForms_failTheFuture_ratherThanThrow() {
        var future = client.tokens().async().create(spec("", List.of("api"), TODAY.plusDays(3)));
        assertThat(future).isCompletedExceptionally();
        assertThat(client.async().tokens().rotate("../x")).isCompletedExceptionally();
        assertThat(client.impersonationTokens("31").async().rotate("55")).isCompletedExceptionally();
    }
}
