package dev.patkit.core;

import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link ProviderClient} ({@code client.async()}): the same calls,
 * each returning a future. Provider modules narrow it, as their clients narrow
 * {@link ProviderClient}.
 */
public interface AsyncProviderClient {

    /** @return a future of the client's own token's authorization; see {@link ProviderClient#inspect()} */
    CompletableFuture<Authorization> inspect();

    /** @return the client's default token family, with futures */
    AsyncTokens tokens();

    /** @return the blocking view of the same client */
    ProviderClient sync();
}
