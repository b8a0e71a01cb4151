package dev.patkit.spring;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code patkit} health indicator: the standing of every configured token.
 *
 * <p>Per provider, {@code DOWN} when the token is INVALID, REVOKED or EXPIRED, the provider rejects
 * it, or it lacks a scope of {@code patkit.providers.<id>.required-scopes}; the configured
 * {@code patkit.health.expiry-warning-status} (default {@code UP}, with a {@code warning} detail)
 * when it expires within {@code patkit.health.expiry-warning} (default 14 days); {@code UNKNOWN}
 * when the provider could not be asked; {@code UP} otherwise. The indicator's status is the worst
 * of them. Details per provider id: provider, host, status, owner (the login, or the id where the
 * provider reports only that), ownerId, scopes, expiresAt, checkedAt and, where they apply,
 * missingScopes, warning and error. Never the token. Inspections are cached for
 * {@code patkit.health.cache-ttl}.
 *
 * <p>Thread-safe.
 */
public final class PatkitHealthIndicator implements HealthIndicator {

    private final TokenStandings standings;
    private final Duration expiryWarning;
    private final Status warningStatus;

    PatkitHealthIndicator(TokenStandings standings, Duration expiryWarning, Status warningStatus) {
        this.standings = standings;
        this.expiryWarning = expiryWarning;
        this.warningStatus = warningStatus;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Status> statuses = new ArrayList<>();
        for (String id : standings.clients().ids()) {
            Map<String, Object> d = new LinkedHashMap<>();
            statuses.add(check(id, d));
            details.put(id, d);
        }
        return Health.status(worst(statuses)).withDetails(details).build();
    }

    private Status worst(List<Status> statuses) {
        for (Status s : List.of(Status.DOWN, Status.OUT_OF_SERVICE, warningStatus, Status.UP)) {
            if (statuses.contains(s)) {
                return s;
            }
        }
        return Status.UNKNOWN;
    }

    private Status check(String id, Map<String, Object> d) {
        TokenStandings.Standing s = standings.get(id);
        URI base = standings.clients().get(id).baseUri();
        d.put("provider", id);
        d.put("host", base.getHost());
        d.put("checkedAt", s.checkedAt().toString());
        if (s.authorization().isEmpty()) {
            d.put("status", s.rejected() ? AuthorizationStatus.INVALID.name() : AuthorizationStatus.UNKNOWN.name());
            d.put("error", s.error().orElseThrow());
            return s.rejected() ? Status.DOWN : Status.UNKNOWN;
        }
        Authorization a = s.authorization().get();
        boolean expired = a.status() == AuthorizationStatus.ACTIVE && !a.isActive(standings.clock());
        d.put("status", expired ? AuthorizationStatus.EXPIRED.name() : a.status().name());
        a.owner().ifPresent(o -> {
            d.put("owner", o.login().orElse(o.id()));
            d.put("ownerId", o.id());
        });
        d.put("scopes", a.scopes().isKnown() ? new ArrayList<>(new TreeSet<>(a.scopes().names())) : "unknown");
        d.put("expiresAt", a.expiresAt().map(Object::toString).orElse("never or unknown"));
        if (expired || a.status() == AuthorizationStatus.INVALID || a.status() == AuthorizationStatus.REVOKED
                || a.status() == AuthorizationStatus.EXPIRED) {
            return Status.DOWN;
        }
        Set<String> missing = a.scopes().missing(standings.clients().requiredScopes(id));
        if (!missing.isEmpty()) {
            d.put("missingScopes", new ArrayList<>(new TreeSet<>(missing)));
            return Status.DOWN;
        }
        if (a.status() == AuthorizationStatus.UNKNOWN) {
            return Status.UNKNOWN;
        }
        if (a.expiresWithin(expiryWarning, standings.clock())) {
            d.put("warning", "the token expires within " + expiryWarning.toDays() + " days");
            return warningStatus;
        }
        return Status.UP;
    }
}
