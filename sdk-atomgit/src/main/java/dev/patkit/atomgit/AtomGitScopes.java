package dev.patkit.atomgit;

import dev.patkit.core.ScopeCatalogue;

/**
 * The scopes an AtomGit personal access token can be created with, as the AtomGit token page
 * lists them.
 *
 * <p>AtomGit never reports a token's scopes over its API, so this catalogue serves the scopes a
 * caller records ({@link RecordedToken}) and names the valid choices in messages. The list is the
 * one AtomGit documents for its access keys; whether the current (GitCode-backed) platform offers
 * exactly these is UNVERIFIED, so {@link RecordedToken.Builder#scopesUnchecked} accepts other
 * names. AtomGit documents no implications between scopes, so none are modelled.
 */
public final class AtomGitScopes {

    /** All API interfaces related to code repositories. */
    public static final String REPO = "repo";
    /** All API interfaces related to repository issues. */
    public static final String ADMIN_REPO_ISSUES = "admin:repo_issues";
    /** All API interfaces related to organisation issues. */
    public static final String ADMIN_ORG_ISSUES = "admin:org_issues";
    /** All API interfaces related to pipelines. */
    public static final String WORKFLOW = "workflow";
    /** Write access to the package registry. */
    public static final String WRITE_PACKAGES = "write:packages";
    /** Delete access to the package registry. */
    public static final String DELETE_PACKAGES = "delete:packages";
    /** All organisation-related API interfaces. */
    public static final String ADMIN_ORG = "admin:org";
    /** The user's SSH public keys. */
    public static final String ADMIN_PUBLIC_KEY = "admin:public_key";
    /** Repository webhooks. */
    public static final String ADMIN_REPO_HOOK = "admin:repo_hook";
    /** Organisation webhooks. */
    public static final String ADMIN_ORG_HOOK = "admin:org_hook";
    /** The user's notifications. */
    public static final String NOTIFICATIONS = "notifications";
    /** All user-related API interfaces. */
    public static final String USER = "user";
    /** Deleting repositories. */
    public static final String DELETE_REPO = "delete_repo";
    /** The audit log. */
    public static final String AUDIT_LOG = "audit_log";
    /** Kanban boards. */
    public static final String PROJECT = "project";
    /** GPG keys. */
    public static final String ADMIN_GPG_KEY = "admin:gpg_key";
    /** SSH signing keys. */
    public static final String ADMIN_SSH_SIGNING_KEY = "admin:ssh_signing_key";

    /** The catalogue: the 17 scopes above, in the order AtomGit lists them. */
    public static final ScopeCatalogue CATALOGUE = ScopeCatalogue.builder(AtomGitClientFactory.ID)
            .scope(REPO, "All API interfaces related to code repositories")
            .scope(ADMIN_REPO_ISSUES, "All API interfaces related to repository issues")
            .scope(ADMIN_ORG_ISSUES, "All API interfaces related to organisation issues")
            .scope(WORKFLOW, "All API interfaces related to pipelines")
            .scope(WRITE_PACKAGES, "Write access to all API interfaces of the package registry")
            .scope(DELETE_PACKAGES, "Delete access to the API interfaces of the package registry")
            .scope(ADMIN_ORG, "All organisation-related API interfaces")
            .scope(ADMIN_PUBLIC_KEY, "API interfaces for the user's SSH public keys")
            .scope(ADMIN_REPO_HOOK, "API interfaces for repository webhooks")
            .scope(ADMIN_ORG_HOOK, "API interfaces for organisation webhooks")
            .scope(NOTIFICATIONS, "API interfaces for the user's notifications")
            .scope(USER, "All user-related API interfaces")
            .scope(DELETE_REPO, "API interfaces that delete repositories")
            .scope(AUDIT_LOG, "API interfaces for the audit log")
            .scope(PROJECT, "API interfaces for Kanban boards")
            .scope(ADMIN_GPG_KEY, "API interfaces for GPG keys")
            .scope(ADMIN_SSH_SIGNING_KEY, "API interfaces for SSH signing keys")
            .build();

    private AtomGitScopes() {}
}
