package dev.patkit.bench.clients;

/** The calls the comparison makes, each the same for every client that supports it. */
public enum Op {
    /**
     * GitLab {@code GET /personal_access_tokens/self} and {@code GET /user} (the owner's login), sent
     * at the same time: who and what is this token, as Patkit's {@code inspect()} answers it.
     */
    GITLAB_INSPECT("gl-inspect", 2),
    /** GitHub {@code GET /user} with the scope and expiry headers. */
    GITHUB_INSPECT("gh-inspect", 1),
    /** GitLab {@code GET /personal_access_tokens}, all 5 pages of 100. */
    GITLAB_LIST("gl-list500", 5),
    /** ServiceStage {@code GET /v1/{project}/git/auths} signed with AK/SK (one page of 20). */
    SERVICESTAGE_LIST("ss-list-aksk", 1),
    /** GitLab {@code GET /personal_access_tokens} under {@code /big}: 1000 pages of 100 (the memory check). */
    GITLAB_LIST_BIG("gl-list100k", 1000);

    private final String label;
    private final int requests;

    Op(String label, int requests) {
        this.label = label;
        this.requests = requests;
    }

    /** @return the short name used on the command line and in tables */
    public String label() {
        return label;
    }

    /** @return HTTP requests one call makes */
    public int requests() {
        return requests;
    }

    /** @return tokens one call lists (0 for an inspection) */
    public int listed() {
        return switch (this) {
            case GITLAB_LIST -> 500;
            case SERVICESTAGE_LIST -> 20;
            case GITLAB_LIST_BIG -> 100_000;
            default -> 0;
        };
    }

    /**
     * Finds an operation by its label.
     *
     * @param label the label
     * @return the operation
     */
    public static Op of(String label) {
        for (Op op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation " + label);
    }
}
