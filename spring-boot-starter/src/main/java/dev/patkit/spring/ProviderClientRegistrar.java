package dev.patkit.spring;

import dev.patkit.core.ProviderClient;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link ProviderClient} bean per key of {@code patkit.providers}, named
 * {@code patkit.<id>} and qualified by the id. Only the keys are read here; the clients come from
 * {@link PatkitClients}, which checks every property.
 */
class ProviderClientRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

    private Environment environment;
    private BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Object> providers = Binder.get(environment)
                .bind("patkit.providers", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        for (String id : providers.keySet()) {
            String name = "patkit." + id;
            if (registry.containsBeanDefinition(name)) {
                continue;
            }
            RootBeanDefinition bd = new RootBeanDefinition(ProviderClient.class,
                    () -> beanFactory.getBean(PatkitClients.class).get(id));
            bd.addQualifier(new AutowireCandidateQualifier(Qualifier.class, id));
            registry.registerBeanDefinition(name, bd);
        }
    }
}
