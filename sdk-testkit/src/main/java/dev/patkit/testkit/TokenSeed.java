package dev.patkit.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What to seed a token with: name, owner, scopes, expiry, kind and optionally the secret itself.
 *
 * <p>Start with {@link #named(String)}, then set what matters; everything else has a default
 * (no scopes, no expiry, {@link Kind#PERSONAL}, a freshly minted secret in the provider's format).
 * GitLab expiry is a date: {@link #expiresOn(LocalDate)} sets it exactly, an instant set with
 * {@link #expiresAt(Instant)} is taken at its UTC date. Not thread-safe; seeds are used once.
 */
public final class TokenSeed {

    /** The kinds of token the fakes know. */
    public enum Kind {
        /** GitLab personal access token (the default). */
        PERSONAL,
        /** GitLab impersonation token. */
        IMPERSONATION,
        /** GitLab project access token (its owner is a bot). */
        PROJECT,
        /** GitLab group access token (its owner is a bot). */
        GROUP,
        /** GitHub classic PAT ({@code ghp_}): its scopes are reported in {@code X-OAuth-Scopes}. */
        CLASSIC,
        /** GitHub fine-grained PAT ({@code github_pat_}): no scope header. */
        FINE_GRAINED,
        /** An opaque token (AtomGit). */
        OPAQUE,
        /** A Huawei Cloud IAM token ({@code X-Auth-Token}). */
        IAM,
        /** A Huawei Cloud access key (the id is the AK, the secret the SK). */
        ACCESS_KEY
    }

    private final String name;
    private FakeUser owner;
    private final List<String> scopes = new ArrayList<>();
    private Instant expiresAt;
    private LocalDate expiresOn;
    private Kind kind;
    private String secret;
    private String description;
    private String resourceId;
    private int accessLevel = 40;

    private TokenSeed(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param name the token name, not null
     * @return a seed
     */
    public static TokenSeed named(String name) {
        return new TokenSeed(name);
    }

    /** @param user the owner @return this */
    public TokenSeed owner(FakeUser user) {
        this.owner = user;
        return this;
    }

    /** @param values scopes @return this */
    public TokenSeed scopes(String... values) {
        scopes.addAll(Arrays.asList(values));
        return this;
    }

    /** @param values scopes @return this */
    public TokenSeed scopes(List<String> values) {
        scopes.addAll(values);
        return this;
    }

    /** @param instant when the token dies; null for never @return this */
    public TokenSeed expiresAt(Instant instant) {
        this.expiresAt = instant;
        this.expiresOn = null;
        return this;
    }

    /** @param date GitLab's {@code expires_at} date (dead from 00:00 UTC of it); null for never @return this */
    public TokenSeed expiresOn(LocalDate date) {
        this.expiresOn = date;
        this.expiresAt = date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
        return this;
    }

    /** @param value the kind @return this */
    public TokenSeed kind(Kind value) {
        this.kind = value;
        return this;
    }

    /** @param value the exact secret to use (for example a canary), instead of a minted one @return this */
    public TokenSeed secret(String value) {
        this.secret = value;
        return this;
    }

    /** @param value GitLab's description @return this */
    public TokenSeed description(String value) {
        this.description = value;
        return this;
    }

    /** @param projectId a GitLab project id or path: makes this a project access token @return this */
    public TokenSeed project(String projectId) {
        this.resourceId = projectId;
        this.kind = Kind.PROJECT;
        return this;
    }

    /** @param groupId a GitLab group id or path: makes this a group access token @return this */
    public TokenSeed group(String groupId) {
        this.resourceId = groupId;
        this.kind = Kind.GROUP;
        return this;
    }

    /** @param level GitLab access level of a project or group token (default 40, Maintainer) @return this */
    public TokenSeed accessLevel(int level) {
        this.accessLevel = level;
        return this;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the owner, or null */
    public FakeUser owner() {
        return owner;
    }

    /** @return the scopes */
    public List<String> scopes() {
        return List.copyOf(scopes);
    }

    /** @return the expiry instant, or null */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return the expiry date (UTC date of the instant when set that way), or null */
    public LocalDate expiresOn() {
        if (expiresOn != null) {
            return expiresOn;
        }
        return expiresAt == null ? null : LocalDate.ofInstant(expiresAt, ZoneOffset.UTC);
    }

    /** @return the kind, or null for the provider's default */
    public Kind kind() {
        return kind;
    }

    /** @return the explicit secret, or null */
    public String secret() {
        return secret;
    }

    /** @return the description, or null */
    public String description() {
        return description;
    }

    /** @return the project or group id, or null */
    public String resourceId() {
        return resourceId;
    }

    /** @return the access level */
    public int accessLevel() {
        return accessLevel;
    }

    /** @return a description without the secret */
    @Override
    public String toString() {
        return "TokenSeed[" + name + ", kind=" + kind + ", scopes=" + scopes + "]";
    }
}
