package dev.patkit.servicestage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.ConflictException;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ErrorMapper;
import dev.patkit.core.spi.StandardErrors;
import dev.patkit.servicestage.RepoAuthorizationException;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * The one error mapper for ServiceStage, its API gateway and IAM. It reads the error code and
 * message from every body shape seen there and branches on the code, not the status (ServiceStage
 * answers 400 for all of its own errors).
 *
 * <p>Shapes read, as an object or the first element of an array: {@code error_code}/{@code error_msg},
 * {@code error_code}/{@code error_message}, {@code errorCode}/{@code errorMessage},
 * {@code code}/{@code message}, and IAM's {@code {"error":{"code","message"}}}.
 */
public final class ServiceStageErrors implements ErrorMapper {

    /** Duplicate name. */
    public static final String ALREADY_EXISTS = "SVCSTG.REPO.0403";
    /** Invalid parameters. */
    public static final String PARAMETER_INVALID = "SVCSTG.REPO.0400";
    /** Repository type not offered. */
    public static final String REPO_TYPE_UNSUPPORTED = "SVCSTG.REPO.0401";
    /** OAuth code or state invalid. */
    public static final String OAUTH_STATE_INVALID = "SVCSTG.REPO.0402";
    /** No authorization of the name in {@code X-Repo-Auth}. */
    public static final String AUTHORIZATION_MISSING = "SVCSTG.REPO.0450";
    /** The stored forge credential is invalid. */
    public static final String AUTHORIZATION_INVALID = "SVCSTG.REPO.0451";
    /** Clone URL invalid. */
    public static final String CLONE_URL_INVALID = "SVCSTG.REPO.0452";
    /** The API gateway rejected the credentials or the signature. */
    public static final String GATEWAY_AUTH = "APIGW.0301";

    /** A code and message read from an error body. */
    record Parsed(String code, String message) {}

    @Override
    public PatkitException map(ApiResponse response, ErrorContext context) {
        Parsed p = parse(response);
        String code = p.code() == null ? "" : p.code();
        String said = p.code() == null ? p.message() : p.code() + (p.message() == null ? "" : " " + p.message());
        String head = StandardErrors.message(response, context, Optional.ofNullable(said));
        switch (code.toUpperCase(Locale.ROOT)) {
            case ALREADY_EXISTS:
                return new ConflictException(head + ". An authorization of this name already exists in the project:"
                        + " choose another name, or delete the existing one first.", context);
            case AUTHORIZATION_MISSING:
                return new RepoAuthorizationException(head + ". ServiceStage has no repository authorization of that"
                        + " name: check the name (list the authorizations).", context,
                        RepoAuthorizationException.Reason.MISSING, AUTHORIZATION_MISSING);
            case AUTHORIZATION_INVALID:
                return new RepoAuthorizationException(head + ". The forge credential stored under that name no longer"
                        + " works (revoked or expired at the forge): register a new one.", context,
                        RepoAuthorizationException.Reason.INVALID, AUTHORIZATION_INVALID);
            case REPO_TYPE_UNSUPPORTED:
                return validation(head + ". ServiceStage does not offer this repository type for this operation"
                        + " (support varies by region): choose another type.", context, said, response);
            case OAUTH_STATE_INVALID:
                return validation(head + ". The OAuth code or state is invalid or used: start the OAuth"
                        + " authorization again to get a fresh code and state.", context, said, response);
            case PARAMETER_INVALID:
            case CLONE_URL_INVALID:
                return validation(head + ". Check the request's parameters.", context, said, response);
            case GATEWAY_AUTH:
                if (isSignatureExpired(p.message())) {
                    return new AuthenticationException(head + ". The request signature expired: this machine's clock"
                            + " differs from the server's by more than about 15 minutes. Synchronise the clock (NTP);"
                            + " Patkit corrects the offset from the server's Date header once per call.", context);
                }
                return new AuthenticationException(head + ". Huawei Cloud did not accept the credentials: check the"
                        + " access key, secret key, security token or IAM token.", context);
            default:
                return StandardErrors.forStatus(response, context, Optional.ofNullable(said), List.of());
        }
    }

    private static ValidationException validation(String message, ErrorContext context, String said,
            ApiResponse response) {
        return new ValidationException(message, context, said == null ? List.of() : List.of(response.sanitize(said)));
    }

    /**
     * Whether a gateway message says the signature expired.
     *
     * @param message the message, or null
     * @return true for {@code ... signature expired ...}
     */
    public static boolean isSignatureExpired(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("signature expired");
    }

    /**
     * Reads the code and message from an error body; both null when it has neither.
     *
     * @param response the response
     * @return the code and message, unsanitised
     */
    public static Parsed parse(ApiResponse response) {
        if (response.body().length == 0) {
            return new Parsed(null, null);
        }
        if (!response.isJson()) {
            return new Parsed(null, response.text());
        }
        JsonNode node;
        try {
            node = response.json();
        } catch (ResponseParseException e) {
            return new Parsed(null, null);
        }
        if (node.isArray() && node.size() > 0) {
            node = node.get(0);
        }
        if (node.has("error") && node.get("error").isObject()) {
            node = node.get("error");
        }
        String code = first(node, "error_code", "errorCode", "code");
        String message = first(node, "error_msg", "error_message", "errorMessage", "message", "title");
        return new Parsed(code, message);
    }

    private static String first(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && (v.isTextual() || v.isNumber())) {
                return v.asText();
            }
        }
        return null;
    }
}
