/**
 * Patkit's implementation details: not API. Nothing here is exported by the module, and on the
 * class path nothing here is covered by compatibility promises; types and signatures change
 * without notice. Use the public packages instead.
 */
package dev.patkit.servicestage.internal;
