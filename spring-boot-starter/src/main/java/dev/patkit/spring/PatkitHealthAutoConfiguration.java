package dev.patkit.spring;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code patkit} health indicator ({@link PatkitHealthIndicator}), when Spring Boot's health
 * support is present, {@code management.health.patkit.enabled} is not false and at least one
 * provider is configured.
 */
@AutoConfiguration(after = PatkitAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, dev.patkit.core.Patkit.class})
@Conditional(OnPatkitProvidersCondition.class)
public class PatkitHealthAutoConfiguration {

    /** Created by Spring. */
    public PatkitHealthAutoConfiguration() {}

    /**
     * @param clients the configured clients
     * @param properties the properties
     * @param clock the application's clock, if it has one
     * @return the standings shared by the health indicator and the expiry gauge
     */
    @Bean
    @ConditionalOnMissingBean
    TokenStandings patkitTokenStandings(PatkitClients clients, PatkitProperties properties, ObjectProvider<Clock> clock) {
        return Standings.create(clients, properties, clock);
    }

    /**
     * The indicator itself, in a nested class so that the class condition above is decided before
     * Spring reads {@code ConditionalOnEnabledHealthIndicator}, which lives in spring-boot-health.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("patkit")
    static class Indicator {

        /**
         * @param standings the standings
         * @param properties the properties
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean(name = "patkitHealthIndicator")
        public PatkitHealthIndicator patkitHealthIndicator(TokenStandings standings, PatkitProperties properties) {
            String code = properties.getHealth().getExpiryWarningStatus();
            if (code == null || code.isBlank()) {
                throw new InvalidPatkitPropertyException("patkit.health.expiry-warning-status", "must not be empty");
            }
            return new PatkitHealthIndicator(standings, Standings.positive("patkit.health.expiry-warning",
                    properties.getHealth().getExpiryWarning()), new Status(code.trim().toUpperCase(java.util.Locale.ROOT)));
        }
    }
}
