package dev.patkit.github;

import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.ProviderHarness;

/** GitHub clients of core's {@link ProviderHarness}: the forge at the WireMock root, a classic canary. */
final class GitHubForge {

    private GitHubForge() {}

    /** @return the harness every GitHub test class registers */
    static ProviderHarness harness() {
        return ProviderHarness.at("").canary(Canary.githubClassic());
    }

    /** @param forge the harness @return a client of this test's Patkit holding the canary */
    static GitHubClient client(ProviderHarness forge) {
        return forge.client("github", GitHubClient.class);
    }

    /** @param forge the harness @param token the token @return a client of this test's Patkit holding the token */
    static GitHubClient client(ProviderHarness forge, Token token) {
        return forge.patkit().client("github", forge.baseUri(), token).unwrap(GitHubClient.class);
    }

    /** @param forge the harness @return the canary as a token */
    static Token token(ProviderHarness forge) {
        return Token.of(forge.canary());
    }
}
