package dev.patkit.examples;

import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.audit.Audit;
import dev.patkit.core.audit.AuditReport;
import dev.patkit.core.audit.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the tokens that expire within 30 days, across every forge whose token is in the
 * environment ({@code GITLAB_TOKEN}, {@code GITHUB_TOKEN}, {@code ATOMGIT_TOKEN}).
 */
public final class ExpiringTokens {

    private ExpiringTokens() {}

    /**
     * Prints the tokens that expire soon.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Patkit patkit = Patkit.create()) {
            List<ProviderClient> clients = new ArrayList<>();
            for (String provider : List.of("gitlab", "github", "atomgit")) {
                String variable = provider.toUpperCase(java.util.Locale.ROOT) + "_TOKEN";
                if (System.getenv(variable) != null) {
                    clients.add(patkit.client(provider, Token.fromEnvironment(variable)));
                }
            }

            AuditReport report = Audit.builder().sources(clients).expiringWithin(Duration.ofDays(30)).build().run();

            for (Finding f : report.findings(Finding.Kind.EXPIRES_SOON)) {
                System.out.println(f.message());
            }
            System.out.println(report.findings(Finding.Kind.EXPIRES_SOON).size() + " token(s) expire within 30 days");
        }
    }
}
