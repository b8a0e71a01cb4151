package dev.patkit.servicestage.internal;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.rotation.InMemorySecretStore;
import dev.patkit.core.rotation.RotationEvent;
import dev.patkit.core.rotation.RotationException;
import dev.patkit.core.rotation.RotationPlan;
import dev.patkit.core.rotation.TokenRotator;
import dev.patkit.core.spi.Futures;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.ReplaceReport;
import dev.patkit.servicestage.ServiceStageClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@link ServiceStageClient#replace} as a {@link RotationPlan} over a replacing
 * {@link ServiceStageTokenHolder}: the same install, verify and retire steps, the same events. The
 * new token was issued by the caller, so the plan's rotate step hands it over; a plan in memory,
 * (the default journal), as a replace is not resumed. A replacement that failed verification is deleted again (reported
 * as a {@link RotationEvent.Step#RETIRE} of the new authorization); the old one is kept.
 */
final class Replacement {

    private static final Set<RotationEvent.Step> REPORTED =
            Set.of(RotationEvent.Step.INSTALL, RotationEvent.Step.VERIFY, RotationEvent.Step.RETIRE);

    /** A replace runs the blocking plan on a thread of its own, so no shared pool waits on the network. */
    private static final Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "patkit-servicestage-replace");
        t.setDaemon(true);
        t.start();
    };

    private Replacement() {}

    static CompletableFuture<ReplaceReport> start(ServiceStageClient client, String oldName, PersonalAuthorization replacement) {
        String op = "replace repository authorization";
        return Futures.attempt(() -> {
            ServiceStageChecks.name(oldName, op);
            Authorizations.check(replacement, op);
            if (oldName.equals(replacement.name())) {
                throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, op, "The replacement needs a new"
                        + " name: ServiceStage has no update, so the new token is registered beside the old one before"
                        + " the old one is deleted");
            }
            return CompletableFuture.supplyAsync(() -> run(client, oldName, replacement), OWN_THREAD);
        });
    }

    private static ReplaceReport run(ServiceStageClient client, String oldName, PersonalAuthorization replacement) {
        String newName = replacement.name();
        List<RotationEvent> events = new ArrayList<>();
        ServiceStageTokenHolder holder = ServiceStageTokenHolder.replacing(client, oldName, replacement);
        String planId = "replace-" + newName;
        RotationPlan plan = RotationPlan.builder(planId)
                .rotate(handOver(client, replacement))
                .storeIn(new InMemorySecretStore(), "servicestage:" + newName)
                .replaceIn(holder)
                .listener(e -> {
                    if (REPORTED.contains(e.step())) {
                        events.add(e);
                    }
                })
                .build();
        try {
            plan.run();
            return new ReplaceReport(oldName, newName, events, Optional.empty());
        } catch (RotationException e) {
            PatkitException failure = e.getCause() instanceof PatkitException p ? p : e;
            if (e.step() == RotationEvent.Step.VERIFY) {
                rollBack(client, planId, newName, events);
            }
            return new ReplaceReport(oldName, newName, events, Optional.of(failure));
        }
    }

    /** Deletes a replacement that did not work, so only the old, working authorization remains. */
    private static void rollBack(ServiceStageClient client, String planId, String newName, List<RotationEvent> events) {
        String target = ServiceStageTokenHolder.ID_PREFIX + newName;
        try {
            client.delete(newName);
            events.add(new RotationEvent(planId, RotationEvent.Step.RETIRE, RotationEvent.Outcome.DONE, target,
                    "deleted '" + newName + "' again: it failed verification"));
        } catch (PatkitException e) {
            events.add(new RotationEvent(planId, RotationEvent.Step.RETIRE, RotationEvent.Outcome.FAILED, target,
                    "could not delete '" + newName + "', which failed verification: " + e.getMessage()));
        }
    }

    /** The plan's rotate step: the caller already holds the new token. */
    private static TokenRotator handOver(ServiceStageClient client, PersonalAuthorization replacement) {
        return new TokenRotator() {
            @Override
            public String tokenId() {
                return replacement.name();
            }

            @Override
            public String describe() {
                return "the " + replacement.repoType().wireName() + " token given for '" + replacement.name() + "'";
            }

            @Override
            public CreatedToken rotate(Optional<LocalDate> expiresOn) {
                Authorization a = Authorization.builder(DefaultServiceStageClient.PROVIDER, client.baseUri())
                        .tokenId(replacement.name()).tokenName(replacement.name()).build();
                return new CreatedToken(a, replacement.token());
            }
        };
    }
}
