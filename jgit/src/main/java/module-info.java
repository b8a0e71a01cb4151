/**
 * Patkit for JGit: a {@link org.eclipse.jgit.transport.CredentialsProvider} that hands JGit the
 * forge's Git user name and a token checked by Patkit.
 *
 * <p>JGit ships no {@code module-info}; it is the automatic module {@code org.eclipse.jgit} (from
 * its {@code Automatic-Module-Name}), so the two lint warnings about requiring an automatic module
 * are suppressed here on purpose.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.patkit.jgit {
    requires transitive dev.patkit.core;
    requires transitive org.eclipse.jgit;

    exports dev.patkit.jgit;
}
