package dev.patkit.github;

/** An organisation's answer to a fine-grained token's access request. */
public enum ReviewDecision {
    /** Grant the access. */
    APPROVE("approve"),
    /** Refuse the access. */
    DENY("deny");

    private final String wire;

    ReviewDecision(String wire) {
        this.wire = wire;
    }

    /** @return the value GitHub expects in {@code action} */
    public String wireValue() {
        return wire;
    }
}
