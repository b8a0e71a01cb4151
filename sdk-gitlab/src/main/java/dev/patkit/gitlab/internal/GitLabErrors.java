package dev.patkit.gitlab.internal;

import dev.patkit.core.spi.ErrorMapper;

/** Access to GitLab's error mapper for the factory. */
public final class GitLabErrors {

    private static final ErrorMapper MAPPER = new GitLabErrorMapper();

    private GitLabErrors() {}

    /** @return the mapper for GitLab's error shapes; thread-safe */
    public static ErrorMapper mapper() {
        return MAPPER;
    }
}
