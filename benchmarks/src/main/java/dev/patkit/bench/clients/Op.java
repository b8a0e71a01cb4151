package dev.patkit.bench.clients;

/** The calls the comparison makes, each the same for every client that supports it. */
public enum Op {
    /** GitLab {@code GET /personal_access_tokens/self}: who and what is this token. */
    GITLAB_INSPECT("gl-inspect"),
    /** GitLab {@code GET /personal_access_tokens}, all 5 pages of 100. */
    GITLAB_LIST("gl-list5"),
    /** GitHub {@code GET /user} with the scope and expiry headers. */
    GITHUB_INSPECT("gh-inspect");

    private final String label;

    Op(String label) {
        this.label = label;
    }

    /** @return the short name used on the command line and in tables */
    public String label() {
        return label;
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
