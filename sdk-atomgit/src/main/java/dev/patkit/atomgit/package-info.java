/**
 * Patkit for AtomGit: {@link dev.patkit.atomgit.AtomGitClient}, its factory, the scope catalogue
 * and the caller's record of a token ({@link dev.patkit.atomgit.RecordedToken}).
 */
package dev.patkit.atomgit;
