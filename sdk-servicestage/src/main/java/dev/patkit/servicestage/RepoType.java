package dev.patkit.servicestage;

import dev.patkit.core.ValidationException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A ServiceStage repository type ({@code repo_type}): the kind of forge an authorization is for.
 *
 * <p>Each operation accepts its own set: personal (token) authorizations {@link #PERSONAL},
 * password authorizations {@link #PASSWORD}, OAuth {@link #OAUTH}. Support also varies by region;
 * ServiceStage answers {@code SVCSTG.REPO.0401} for a type it does not offer there.
 */
public enum RepoType {
    /** GitHub. */
    GITHUB("github"),
    /** GitLab, including self-managed (name the host). */
    GITLAB("gitlab"),
    /** Gitee. */
    GITEE("gitee"),
    /** Bitbucket. */
    BITBUCKET("bitbucket"),
    /** Huawei Cloud CodeArts Repo: the current name, in the CN documentation of password authorizations. */
    CODEARTS("codearts"),
    /**
     * Huawei Cloud CodeArts Repo under its legacy name (DevCloud): still in the official SDK's enum
     * and older regional pages; prefer {@link #CODEARTS}.
     */
    DEVCLOUD("devcloud");

    /** Types a personal (token) authorization accepts. */
    public static final Set<RepoType> PERSONAL = Set.copyOf(EnumSet.of(GITHUB, GITLAB, GITEE));
    /**
     * Types a password authorization accepts: {@code codearts} and {@code bitbucket} (current CN
     * documentation; the international pages list only {@code bitbucket}), and the legacy
     * {@code devcloud}.
     */
    public static final Set<RepoType> PASSWORD = Set.copyOf(EnumSet.of(CODEARTS, BITBUCKET, DEVCLOUD));
    /** Types an OAuth authorization accepts. */
    public static final Set<RepoType> OAUTH = Set.copyOf(EnumSet.of(GITHUB, GITLAB, GITEE, BITBUCKET));

    private final String wireName;

    RepoType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the value ServiceStage uses, for example {@code github} */
    public String wireName() {
        return wireName;
    }

    /**
     * The type for a value ServiceStage sent.
     *
     * @param value the {@code repo_type} value, any case
     * @return the type, or empty for a value this version does not know
     */
    public static Optional<RepoType> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(v)).findFirst();
    }

    /**
     * The type that stores tokens of a Patkit provider.
     *
     * @param providerId a Patkit provider id: {@code github}, {@code gitlab} or {@code gitee}
     * @return the type
     * @throws ValidationException for {@code atomgit}, which has no ServiceStage repository type
     *     (name a type and host explicitly with {@link PersonalAuthorization#of}), and for any other
     *     provider ServiceStage does not know
     */
    public static RepoType forProvider(String providerId) {
        String id = providerId == null ? "" : providerId.toLowerCase(Locale.ROOT);
        switch (id) {
            case "github":
                return GITHUB;
            case "gitlab":
                return GITLAB;
            case "gitee":
                return GITEE;
            case "atomgit":
                throw ValidationException.badInput("servicestage", "map a forge to a repository type",
                        "AtomGit has no ServiceStage repository type, so an AtomGit token cannot be registered"
                                + " automatically. If you know your region accepts it under another type, name the"
                                + " type and the host explicitly: PersonalAuthorization.of(name, RepoType.GITEE, token)"
                                + ".withHost(URI.create(\"https://atomgit.com\")) (whether ServiceStage accepts this is"
                                + " not verified).");
            default:
                throw ValidationException.badInput("servicestage", "map a forge to a repository type",
                        "ServiceStage stores tokens of github, gitlab and gitee only, not of '" + providerId + "'");
        }
    }
}
