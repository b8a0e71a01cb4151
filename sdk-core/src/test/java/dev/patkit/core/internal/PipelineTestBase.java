package dev.patkit.core.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.Token;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the pipeline's WireMock tests share: the API on plain http (loopback), an https-only
 * server, another origin, a canary token sent in every credential header, a fresh
 * {@link PipelineFixture} per test, and the check that the canary reached no log.
 */
abstract class PipelineTestBase {

    /** The client's API, on plain http over loopback. */
    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** A server that speaks only https. */
    @RegisterExtension
    static WireMockExtension secure = WireMockExtension.newInstance()
            .options(wireMockConfig().httpDisabled(true).dynamicHttpsPort()).build();

    /** Another origin, which must never see a credential. */
    @RegisterExtension
    static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final String secret = Canary.githubClassic();
    final Token token = Token.of(secret);
    PipelineFixture fixture;

    @BeforeEach
    void newFixture() {
        LogCapture.clear();
        fixture = new PipelineFixture();
    }

    @AfterEach
    void closeFixtureAndCheckLogs() {
        fixture.close();
        Leaks.assertNotLogged(secret);
    }

    /** @return a pipeline to {@code api}'s {@code /api/v4}, sending {@link #token} in every credential header */
    HttpPipeline pipeline() {
        return fixture.pipeline(api.baseUrl() + "/api/v4", token);
    }
}
