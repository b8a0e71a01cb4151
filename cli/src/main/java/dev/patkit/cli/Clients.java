package dev.patkit.cli;

import dev.patkit.core.Credential;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RateLimitPolicy;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.IamToken;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The provider clients of one command run: one {@link Patkit}, created on first use and closed at the end. */
final class Clients implements AutoCloseable {

    private final Map<String, ProviderClient> clients = new HashMap<>();
    private Patkit patkit;

    ProviderClient client(Config.Profile p) {
        return clients.computeIfAbsent(p.name(), k -> {
            if (patkit == null) {
                // A command exits with 6 and the reset time when a budget is spent, rather than sleeping
                // silently for up to a minute: a person or a cron job decides when to run it again.
                patkit = Patkit.builder().options(PatkitOptions.builder().rateLimitPolicy(RateLimitPolicy.FAIL_FAST)
                        .build()).build();
            }
            return patkit.client(p.provider(), p.url(), credential(p));
        });
    }

    static Credential credential(Config.Profile p) {
        if (p.provider().equals("servicestage")) {
            if (p.accessKey().isPresent()) {
                List<String> keys = p.accessKey().get();
                return AccessKey.of(keys.get(0), keys.get(1));
            }
            return IamToken.of(Config.tokenOf(p));
        }
        return Config.tokenOf(p);
    }

    static Token token(Config.Profile p) {
        return Config.tokenOf(p);
    }

    /** The git user name a forge wants, asked of the forge (AtomGit wants the account's login). */
    static String gitUserName(Config.Profile p) {
        try (Clients c = new Clients()) {
            return c.client(p).gitCredentials().username();
        }
    }

    @Override
    public void close() {
        if (patkit != null) {
            patkit.close();
        }
    }
}
