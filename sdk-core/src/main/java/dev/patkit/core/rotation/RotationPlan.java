package dev.patkit.core.rotation;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.rotation.RotationEvent.Outcome;
import dev.patkit.core.rotation.RotationEvent.Step;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rotates a token and propagates the new secret, safely and resumably:
 *
 * <ol>
 *   <li>check every destination (the store, the rescue store, the journal and each holder) before the
 *       forge is asked for anything: a failed check throws {@link ValidationException} and changes nothing;
 *   <li>rotate the token at its forge (never twice: a rotate whose outcome is unknown stops the plan);
 *   <li>hand the new secret to the caller's {@link SecretStore} before anything else;
 *   <li>install it in every {@link TokenHolder} the caller names (for example ServiceStage
 *       authorizations), beside the old records;
 *   <li>verify each new record;
 *   <li>retire the old records, then let each holder settle the new one where users expect it
 *       ({@link TokenHolder#settle}: ServiceStage moves it back under the original name).
 * </ol>
 *
 * <p>Every step is journaled (ids and fingerprints only) and reported to the listener. Running a
 * plan again with the same id and journal resumes where it stopped. If the store fails, the new
 * token is not revoked and {@link TokenDeliveryFailedException} carries its id and where the secret
 * was kept: in the rescue store when one is set ({@link Builder#rescueIn}), and in this plan object's
 * memory; running the plan again takes it from either and retries the store. No provider-specific code:
 * the forge and the holders come in through {@link TokenRotator} and {@link TokenHolder}.
 *
 * <p>Not thread-safe: run one plan at a time.
 */
public final class RotationPlan {

    static final String ROTATE_STARTED = "ROTATE_STARTED";
    static final String ROTATED = "ROTATED";
    static final String ROTATE_FAILED = "ROTATE_FAILED";
    static final String ROTATE_UNKNOWN = "ROTATE_UNKNOWN";
    static final String STORED = "STORED";
    static final String INSTALLED = "INSTALLED";
    static final String VERIFIED = "VERIFIED";
    static final String RETIRED = "RETIRED";
    static final String SETTLED = "SETTLED";
    static final String DONE = "DONE";

    private final String planId;
    private final TokenRotator rotator;
    private final LocalDate newExpiry;
    private final SecretStore store;
    private final String storeKey;
    private final SecretStore rescue;
    private final String rescueKey;
    private final List<TokenHolder> holders;
    private final RotationJournal journal;
    private final RotationListener listener;
    private final Clock clock;
    private Token issued;

    private RotationPlan(Builder b) {
        this.planId = b.planId;
        this.rotator = Objects.requireNonNull(b.rotator, "rotator");
        this.newExpiry = b.newExpiry;
        this.store = Objects.requireNonNull(b.store, "store");
        this.storeKey = Objects.requireNonNull(b.storeKey, "storeKey");
        this.rescue = b.rescue;
        this.rescueKey = b.rescueKey;
        this.holders = List.copyOf(b.holders);
        this.journal = b.journal;
        this.listener = b.listener;
        this.clock = b.clock;
    }

    /**
     * Starts a plan.
     *
     * @param planId a stable id of letters, digits, '.', '_' or '-'; the same id resumes
     * @return a builder
     */
    public static Builder builder(String planId) {
        return new Builder(planId);
    }

    /** @return the plan's id */
    public String id() {
        return planId;
    }

    /**
     * Runs the plan, or resumes it from its journal.
     *
     * @return the result
     * @throws RotationException when a step fails; the journal records how far it got
     */
    public RotationResult run() {
        State state = State.replay(journal.entries(planId));
        boolean resumed = !state.events.isEmpty();
        if (state.has(DONE)) {
            return result(state, true);
        }
        if (!state.has(ROTATED) && !state.has(ROTATE_UNKNOWN) && !state.startedWithoutEnd()) {
            preflight();
        }
        rotate(state);
        Token token = store(state);
        Map<String, String> handles = new LinkedHashMap<>();
        for (TokenHolder h : holders) {
            String done = state.data(INSTALLED, h.id(), "handle");
            if (done != null) {
                report(Step.INSTALL, Outcome.SKIPPED, h.id(), "already installed as " + done);
                handles.put(h.id(), done);
                continue;
            }
            report(Step.INSTALL, Outcome.STARTED, h.id(), "");
            String handle = step(Step.INSTALL, h.id(), () -> h.install(token, planId));
            record(INSTALLED, Map.of("holder", h.id(), "handle", handle));
            report(Step.INSTALL, Outcome.DONE, h.id(), handle);
            handles.put(h.id(), handle);
        }
        for (TokenHolder h : holders) {
            if (state.data(VERIFIED, h.id(), "holder") != null) {
                report(Step.VERIFY, Outcome.SKIPPED, h.id(), "already verified");
                continue;
            }
            report(Step.VERIFY, Outcome.STARTED, h.id(), handles.get(h.id()));
            step(Step.VERIFY, h.id(), () -> {
                h.verify(handles.get(h.id()));
                return null;
            });
            record(VERIFIED, Map.of("holder", h.id()));
            report(Step.VERIFY, Outcome.DONE, h.id(), handles.get(h.id()));
        }
        for (TokenHolder h : holders) {
            if (state.data(SETTLED, h.id(), "handle") != null) {
                report(Step.RETIRE, Outcome.SKIPPED, h.id(), "already retired");
                handles.put(h.id(), state.data(SETTLED, h.id(), "handle"));
                continue;
            }
            report(Step.RETIRE, Outcome.STARTED, h.id(), "");
            if (state.data(RETIRED, h.id(), "holder") == null) {
                step(Step.RETIRE, h.id(), () -> {
                    h.retire();
                    return null;
                });
                record(RETIRED, Map.of("holder", h.id()));
            }
            String installed = handles.get(h.id());
            String settled = step(Step.RETIRE, h.id(), () -> h.settle(token, planId, installed));
            record(SETTLED, Map.of("holder", h.id(), "handle", settled));
            handles.put(h.id(), settled);
            report(Step.RETIRE, Outcome.DONE, h.id(), settled.equals(installed) ? "" : "now " + settled);
        }
        record(DONE, Map.of());
        State finished = State.replay(journal.entries(planId));
        return new RotationResult(planId, rotator.tokenId(), finished.data(ROTATED, null, "newTokenId"),
                finished.data(ROTATED, null, "newFingerprint"), handles, resumed);
    }

    /** Every destination is checked before the forge is asked for anything; a failed check changes nothing. */
    private void preflight() {
        try {
            store.check(storeKey);
            if (rescue != null) {
                rescue.check(rescueKey);
            }
            journal.check(planId);
            for (TokenHolder h : holders) {
                h.check();
            }
        } catch (RuntimeException e) {
            throw new ValidationException("Nothing was changed: " + e.getMessage(),
                    ErrorContext.of("patkit", "check rotation destinations"), List.of());
        }
    }

    private void rotate(State state) {
        String target = rotator.describe();
        if (state.has(ROTATED)) {
            report(Step.ROTATE, Outcome.SKIPPED, target, "already rotated to " + state.data(ROTATED, null, "newTokenId"));
            return;
        }
        if (state.has(ROTATE_UNKNOWN) || state.startedWithoutEnd()) {
            throw new RotationException("A rotate of " + target + " was sent and its outcome is unknown; Patkit will not"
                    + " send it again (a second rotate could revoke the whole token family). Check the token at the forge:"
                    + " if it was rotated, find the new token by name and creation time, then finish by hand.",
                    Step.ROTATE, false);
        }
        if (state.has(ROTATE_FAILED)) {
            Optional<Boolean> active = rotator.oldTokenActive();
            if (active.isPresent() && !active.get()) {
                throw new RotationException("An earlier rotate of " + target + " failed, but the old token is no longer"
                        + " active: the rotate may have taken effect. Patkit will not rotate again; check the forge.",
                        Step.ROTATE, false);
            }
        }
        report(Step.ROTATE, Outcome.STARTED, target, "");
        record(ROTATE_STARTED, Map.of("oldTokenId", rotator.tokenId()));
        CreatedToken created;
        try {
            created = rotator.rotate(Optional.ofNullable(newExpiry));
        } catch (AmbiguousOutcomeException e) {
            record(ROTATE_UNKNOWN, Map.of("error", e.getClass().getSimpleName()));
            report(Step.ROTATE, Outcome.FAILED, target, e.getMessage());
            throw new RotationException("The rotate of " + target + " may or may not have happened: " + e.getMessage(),
                    Step.ROTATE, false, e);
        } catch (PatkitException e) {
            record(ROTATE_FAILED, Map.of("error", e.getClass().getSimpleName()));
            report(Step.ROTATE, Outcome.FAILED, target, e.getMessage());
            throw new RotationException("The rotate of " + target + " failed: " + e.getMessage()
                    + " Nothing changed; run the plan again once the cause is fixed.", Step.ROTATE, true, e);
        }
        issued = created.token();
        String newId = created.authorization().tokenId().orElse("?");
        Map<String, String> rotated = new LinkedHashMap<>(Map.of("oldTokenId", rotator.tokenId(), "newTokenId", newId,
                "newFingerprint", created.token().fingerprint()));
        created.authorization().expiresAt().ifPresent(e -> rotated.put("newExpiresAt", e.toString()));
        record(ROTATED, rotated);
        report(Step.ROTATE, Outcome.DONE, target, "new token " + newId + " (" + created.token().fingerprint() + ")");
    }

    private Token store(State before) {
        State state = State.replay(journal.entries(planId));
        String newId = state.data(ROTATED, null, "newTokenId");
        String fingerprint = state.data(ROTATED, null, "newFingerprint");
        if (before.has(STORED)) {
            report(Step.STORE, Outcome.SKIPPED, storeKey, "already stored");
            Token t = issued != null ? issued : store.get(storeKey).orElse(null);
            if (t == null || !t.fingerprint().equals(fingerprint)) {
                throw new RotationException("The store key '" + storeKey + "' no longer holds the new token " + newId
                        + " (fingerprint " + fingerprint + "); restore it, then run the plan again.", Step.STORE, true);
            }
            return t;
        }
        Token token = issued;
        if (token == null && rescue != null) {
            token = rescue.get(rescueKey).filter(t -> t.fingerprint().equals(fingerprint)).orElse(null);
        }
        if (token == null) {
            token = store.get(storeKey).filter(t -> t.fingerprint().equals(fingerprint)).orElse(null);
            if (token == null) {
                throw new RotationException("The new token " + newId + " (fingerprint " + fingerprint + ") was issued, but"
                        + " its secret is neither held by this process nor in the store" + (rescue == null ? ""
                        : " nor in " + rescue.describe(rescueKey)) + "; it cannot be recovered. Revoke"
                        + " it at the forge and rotate again.", Step.STORE, false);
            }
        }
        report(Step.STORE, Outcome.STARTED, storeKey, fingerprint);
        try {
            store.put(storeKey, token);
        } catch (RuntimeException e) {
            report(Step.STORE, Outcome.FAILED, storeKey, e.getClass().getSimpleName());
            String keptAt = keep(token);
            throw new TokenDeliveryFailedException("The store refused the new token " + newId + " (fingerprint "
                    + fingerprint + "): " + e.getMessage() + " The new token was NOT revoked"
                    + (keptAt == null ? "; this process still holds its secret, run this plan again in it to retry."
                            : "; its secret is kept in " + keptAt + ". Fix the store and run the same plan again:"
                            + " it takes the secret from there."), newId, keptAt, e);
        }
        record(STORED, Map.of("key", storeKey, "newFingerprint", fingerprint));
        if (rescue != null) {
            try {
                rescue.remove(rescueKey);
            } catch (RuntimeException e) {
                report(Step.STORE, Outcome.DONE, storeKey, "could not remove the rescued copy at "
                        + rescue.describe(rescueKey));
            }
        }
        report(Step.STORE, Outcome.DONE, storeKey, fingerprint);
        return token;
    }

    /** Keeps a secret the store refused in the rescue store; returns where, or null. */
    private String keep(Token token) {
        if (rescue == null) {
            return null;
        }
        try {
            rescue.put(rescueKey, token);
            return rescue.describe(rescueKey);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private <T> T step(Step step, String target, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            report(step, Outcome.FAILED, target, e.getMessage());
            throw new RotationException(step + " failed for " + target + ": " + e.getMessage()
                    + " The old records are untouched; run the plan again to resume.", step, true, e);
        }
    }

    private RotationResult result(State state, boolean resumed) {
        Map<String, String> handles = new LinkedHashMap<>();
        for (TokenHolder h : holders) {
            String handle = state.data(SETTLED, h.id(), "handle");
            if (handle == null) {
                handle = state.data(INSTALLED, h.id(), "handle");
            }
            if (handle != null) {
                handles.put(h.id(), handle);
            }
        }
        return new RotationResult(planId, rotator.tokenId(), state.data(ROTATED, null, "newTokenId"),
                state.data(ROTATED, null, "newFingerprint"), handles, resumed);
    }

    private void record(String event, Map<String, String> data) {
        journal.append(planId, new JournalEntry(clock.instant(), event, data));
    }

    private void report(Step step, Outcome outcome, String target, String detail) {
        try {
            listener.onEvent(new RotationEvent(planId, step, outcome, target, detail == null ? "" : detail));
        } catch (RuntimeException e) {
            // A listener must not break the plan.
        }
    }

    /** The plan's progress as the journal tells it. */
    private record State(List<JournalEntry> events) {
        static State replay(List<JournalEntry> entries) {
            return new State(new ArrayList<>(entries));
        }

        boolean has(String event) {
            return events.stream().anyMatch(e -> e.event().equals(event));
        }

        boolean startedWithoutEnd() {
            int last = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).event().equals(ROTATE_STARTED)) {
                    last = i;
                }
            }
            if (last < 0) {
                return false;
            }
            for (int i = last + 1; i < events.size(); i++) {
                String e = events.get(i).event();
                if (e.equals(ROTATED) || e.equals(ROTATE_FAILED) || e.equals(ROTATE_UNKNOWN)) {
                    return false;
                }
            }
            return true;
        }

        /** The last value of a key in entries of an event, optionally for one holder. */
        String data(String event, String holder, String key) {
            String out = null;
            for (JournalEntry e : events) {
                if (e.event().equals(event) && (holder == null || holder.equals(e.data().get("holder")))) {
                    out = e.data().getOrDefault(key, out);
                }
            }
            return out;
        }
    }

    /** Builds a {@link RotationPlan}. Not thread-safe. */
    public static final class Builder {
        private final String planId;
        private TokenRotator rotator;
        private LocalDate newExpiry;
        private SecretStore store;
        private String storeKey;
        private SecretStore rescue;
        private String rescueKey;
        private final List<TokenHolder> holders = new ArrayList<>();
        private RotationJournal journal = RotationJournal.inMemory();
        private RotationListener listener = e -> { };
        private Clock clock = Clock.systemUTC();

        private Builder(String planId) {
            if (planId == null || !planId.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("A plan id must be 1 to 100 letters, digits, '.', '_' or '-'");
            }
            this.planId = planId;
        }

        /** @param rotator rotates the token at its forge @return this builder */
        public Builder rotate(TokenRotator rotator) {
            this.rotator = Objects.requireNonNull(rotator, "rotator");
            return this;
        }

        /** @param expiresOn the new token's expiry date; unset, the forge chooses @return this builder */
        public Builder newExpiry(LocalDate expiresOn) {
            this.newExpiry = Objects.requireNonNull(expiresOn, "expiresOn");
            return this;
        }

        /** @param store where the new secret goes first @param key its key there @return this builder */
        public Builder storeIn(SecretStore store, String key) {
            this.store = Objects.requireNonNull(store, "store");
            this.storeKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Where the new secret is kept when the store refuses it, so that a person (or the same plan
         * run again, even in another process) can still reach it; for example a
         * {@link FileSecretStore} beside the journal, whose files only the owner may read. It is
         * checked before the rotation with the store, and emptied once the store took the secret.
         *
         * @param rescue the rescue store
         * @param key the key there
         * @return this builder
         */
        public Builder rescueIn(SecretStore rescue, String key) {
            this.rescue = Objects.requireNonNull(rescue, "rescue");
            this.rescueKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** @param holder a place holding the old token that must get the new one @return this builder */
        public Builder replaceIn(TokenHolder holder) {
            holders.add(Objects.requireNonNull(holder, "holder"));
            return this;
        }

        /** @param journal where steps are recorded (default in memory) @return this builder */
        public Builder journal(RotationJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /** @param listener receives every step (default none) @return this builder */
        public Builder listener(RotationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @param clock stamps journal entries (default system UTC) @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the plan */
        public RotationPlan build() {
            Objects.requireNonNull(rotator, "a rotator is required: rotate(TokenRotator)");
            Objects.requireNonNull(store, "a secret store is required: storeIn(store, key)");
            return new RotationPlan(this);
        }
    }
}
