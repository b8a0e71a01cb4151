/**
 * Patkit core: tokens, scopes, authorizations, the provider SPI and the safe HTTP pipeline.
 *
 * <p>{@code dev.patkit.core} is the API users call; {@code dev.patkit.core.spi} is what provider
 * modules implement and build on. Internals are not exported.
 */
module dev.patkit.core {
    requires transitive java.net.http;
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.patkit.core;
    exports dev.patkit.core.spi;
    exports dev.patkit.core.audit;
    exports dev.patkit.core.rotation;

    uses dev.patkit.core.spi.ProviderClientFactory;
}
