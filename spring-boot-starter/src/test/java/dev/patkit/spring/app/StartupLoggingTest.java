package dev.patkit.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Start-ups with a canary token among the properties, failed on a property or not: Spring Boot's report
 * (its failure analysis, its logs at every level, the console) names the bad property and never
 * holds the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupLoggingTest {

    private final String secret = Canary.gitlab();

    @BeforeEach
    void clear() {
        LogCapture.clear();
    }

    private void start(String... properties) {
        new SpringApplicationBuilder(TinyApplication.class).web(WebApplicationType.NONE)
                .properties("patkit.providers.gitlab.token=" + secret, "debug=true")
                .properties(properties).run().close();
    }

    @Test
    void tokenOnTheCommandLine_isNotLoggedByASuccessfulStart(CapturedOutput output) {
        try (var context = new SpringApplicationBuilder(TinyApplication.class).web(WebApplicationType.NONE)
                .run("--patkit.providers.gitlab.token=" + secret, "--debug")) {
            assertThat(context.getBean(dev.patkit.spring.PatkitClients.class).ids()).containsExactly("gitlab");
        }
        assertThat(LogCapture.all()).contains("PatkitAutoConfiguration").doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void badPatkitProperty_isReportedByName_withoutTheToken(CapturedOutput output) {
        assertThatThrownBy(() -> start("patkit.providers.gitlab.base-url=ftp://gitlab.example.com/api/v4"))
                .satisfies(e -> Leaks.assertNotIn(e, secret))
                .rootCause().hasMessage("Invalid property patkit.providers.gitlab.base-url: must be an absolute http or"
                        + " https URL with a host");
        assertThat(LogCapture.all()).contains("Invalid property patkit.providers.gitlab.base-url")
                .contains("Correct the property patkit.providers.gitlab.base-url").doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void propertySpringBootCannotBind_isReportedByName_withoutTheTokenBesideIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("patkit.health.expiry-warning=soon"))
                .satisfies(e -> Leaks.assertNotIn(e, secret));
        assertThat(LogCapture.all()).contains("patkit.health.expiry-warning").doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void malformedToken_isReportedByName_withoutAnyOfIt(CapturedOutput output) {
        String spaced = secret.substring(0, 8) + " " + secret.substring(8);
        assertThatThrownBy(() -> new SpringApplicationBuilder(TinyApplication.class).web(WebApplicationType.NONE)
                .properties("patkit.providers.gitlab.token=" + spaced).run().close())
                .satisfies(e -> Leaks.assertNotIn(e, secret.substring(8)));
        assertThat(LogCapture.all()).contains("Invalid property patkit.providers.gitlab.token: The token contains white"
                + " space at position 8").doesNotContain(secret.substring(8));
        assertThat(output.getAll()).doesNotContain(secret.substring(8));
    }
}
