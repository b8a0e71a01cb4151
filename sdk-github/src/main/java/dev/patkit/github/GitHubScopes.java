package dev.patkit.github;

import dev.patkit.core.ScopeCatalogue;

/**
 * The scopes of GitHub classic personal access tokens and OAuth apps, with their implications.
 *
 * <p>From GitHub's "Scopes for OAuth apps" page; a parent implies its children (for example
 * {@code repo} implies {@code repo:status}). Scopes GitHub reports that are not listed here are
 * kept, never dropped. Fine-grained tokens have permissions, not scopes: their scopes are
 * {@link dev.patkit.core.Scopes#unknown()}.
 */
public final class GitHubScopes {

    /** The catalogue. Immutable and thread-safe. */
    public static final ScopeCatalogue CATALOGUE = ScopeCatalogue.builder("github")
            .scope("repo", "Full control of public, internal and private repositories",
                    "repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events")
            .scope("repo:status", "Read and write commit statuses")
            .scope("repo_deployment", "Read and write deployment statuses")
            .scope("public_repo", "Access public repositories")
            .scope("repo:invite", "Accept and decline repository invitations")
            .scope("security_events", "Read and write code scanning and security events")
            .scope("admin:repo_hook", "Full control of repository hooks", "write:repo_hook")
            .scope("write:repo_hook", "Write repository hooks", "read:repo_hook")
            .scope("read:repo_hook", "Read repository hooks")
            .scope("admin:org", "Full control of organisations, teams and memberships", "write:org")
            .scope("write:org", "Read and write organisation and team membership", "read:org")
            .scope("read:org", "Read organisation and team membership")
            // UNVERIFIED: the token UI lists manage_runners:org under admin:org; the scopes doc does not.
            .scope("manage_runners:org", "Manage organisation runners and runner groups")
            .scope("admin:public_key", "Full control of user public keys", "write:public_key")
            .scope("write:public_key", "Write user public keys", "read:public_key")
            .scope("read:public_key", "Read user public keys")
            .scope("admin:org_hook", "Full control of organisation hooks")
            .scope("gist", "Create gists")
            .scope("notifications", "Access notifications")
            .scope("user", "Read and write all user profile data", "read:user", "user:email", "user:follow")
            .scope("read:user", "Read all user profile data")
            .scope("user:email", "Read user email addresses")
            .scope("user:follow", "Follow and unfollow users")
            .scope("project", "Full control of projects", "read:project")
            .scope("read:project", "Read projects")
            .scope("delete_repo", "Delete repositories")
            // UNVERIFIED that the API normalises write:packages to imply read:packages (the UI does).
            .scope("write:packages", "Upload packages", "read:packages")
            .scope("read:packages", "Download packages")
            .scope("delete:packages", "Delete packages")
            .scope("admin:gpg_key", "Full control of GPG keys", "write:gpg_key")
            .scope("write:gpg_key", "Write GPG keys", "read:gpg_key")
            .scope("read:gpg_key", "Read GPG keys")
            // UNVERIFIED: codespace:secrets appears in the UI only.
            .scope("codespace", "Create and manage codespaces", "codespace:secrets")
            .scope("codespace:secrets", "Manage codespace secrets")
            .scope("workflow", "Update GitHub Actions workflow files")
            .scope("admin:enterprise", "Full control of enterprises",
                    "manage_runners:enterprise", "manage_billing:enterprise", "read:enterprise", "scim:enterprise")
            .scope("manage_runners:enterprise", "Manage enterprise runners")
            .scope("manage_billing:enterprise", "Read and write enterprise billing data")
            .scope("read:enterprise", "Read enterprise profile data")
            // UNVERIFIED: scim:enterprise appears in the UI only.
            .scope("scim:enterprise", "Provision and manage enterprise users via SCIM")
            // UNVERIFIED: the UI shows audit_log as the parent of read:audit_log; the doc lists read:audit_log only.
            .scope("audit_log", "Full control of audit logs", "read:audit_log")
            .scope("read:audit_log", "Read audit logs")
            .scope("site_admin", "GitHub Enterprise Server site administration")
            // Community-observed in the token UI, not in the scopes doc.
            .scope("write:discussion", "Read and write team discussions", "read:discussion")
            .scope("read:discussion", "Read team discussions")
            .scope("admin:ssh_signing_key", "Full control of SSH signing keys", "write:ssh_signing_key")
            .scope("write:ssh_signing_key", "Write SSH signing keys", "read:ssh_signing_key")
            .scope("read:ssh_signing_key", "Read SSH signing keys")
            .scope("copilot", "Full control of GitHub Copilot settings", "manage_billing:copilot")
            .scope("manage_billing:copilot", "View and edit Copilot business seat assignments")
            .scope("write:network_configurations", "Write network configurations", "read:network_configurations")
            .scope("read:network_configurations", "Read network configurations")
            .build();

    private GitHubScopes() {}
}
