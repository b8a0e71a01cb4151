package dev.patkit.spring;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when at least one {@code patkit.providers.<id>} entry is configured. */
class OnPatkitProvidersCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> providers = Binder.get(context.getEnvironment())
                .bind("patkit.providers", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        return providers.isEmpty()
                ? ConditionOutcome.noMatch("no patkit.providers.<id> entries")
                : ConditionOutcome.match("patkit.providers " + providers.keySet());
    }
}
