package dev.patkit.spring;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Patkit's Micrometer meters ({@link PatkitMetrics}) when Micrometer is present. The counters work
 * with or without configured providers; the expiry gauge needs the token standings, which exist
 * when providers are configured.
 */
@AutoConfiguration
@ConditionalOnClass({MeterRegistry.class, dev.patkit.core.Patkit.class})
public class PatkitMetricsAutoConfiguration {

    /** Created by Spring. */
    public PatkitMetricsAutoConfiguration() {}

    /**
     * @param standings the token standings of the health indicator, or, without it, of the clients
     * @param clients the configured clients
     * @param properties the properties
     * @param clock the application's clock, if it has one
     * @return the meters, also a listener of the Patkit bean
     */
    @Bean
    @ConditionalOnMissingBean
    public PatkitMetrics patkitMetrics(ObjectProvider<TokenStandings> standings, ObjectProvider<PatkitClients> clients,
            PatkitProperties properties, ObjectProvider<Clock> clock) {
        return new PatkitMetrics(() -> {
            TokenStandings s = standings.getIfAvailable();
            if (s != null) {
                return s;
            }
            PatkitClients c = clients.getIfAvailable();
            return c == null || c.ids().isEmpty() ? null : Standings.create(c, properties, clock);
        });
    }
}
