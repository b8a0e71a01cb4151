package dev.patkit.core.rotation;

import java.util.Map;

/**
 * A finished rotation.
 *
 * @param planId the plan's id
 * @param oldTokenId the rotated token's id
 * @param newTokenId the successor's id
 * @param newFingerprint the successor's fingerprint
 * @param handles each holder's new record, by holder id
 * @param resumed whether this run continued an earlier one
 */
public record RotationResult(String planId, String oldTokenId, String newTokenId, String newFingerprint,
        Map<String, String> handles, boolean resumed) {

    /**
     * Creates a result.
     *
     * @param planId the plan's id
     * @param oldTokenId the rotated token's id
     * @param newTokenId the successor's id
     * @param newFingerprint the successor's fingerprint
     * @param handles each holder's new record
     * @param resumed whether this run continued an earlier one
     */
    public RotationResult {
        handles = Map.copyOf(handles);
    }
}
