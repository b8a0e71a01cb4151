/**
 * Rotate-and-propagate that never loses a secret: {@link dev.patkit.core.rotation.RotationPlan}.
 *
 * <p>A plan runs these steps, journaling each (ids and fingerprints, never secrets) so that the
 * same plan run again resumes where it stopped and never rotates twice:
 *
 * <ol>
 *   <li><b>Check.</b> Before the forge is asked for anything, every destination is checked: the
 *       {@link dev.patkit.core.rotation.SecretStore} (its directory exists and takes a file, the
 *       target is a writable file), the rescue store, the {@link dev.patkit.core.rotation.RotationJournal},
 *       and each {@link dev.patkit.core.rotation.TokenHolder} (for ServiceStage: the authorization
 *       exists and holds a personal token). A failed check throws
 *       {@link dev.patkit.core.ValidationException} and nothing has changed.
 *   <li><b>Rotate</b> at the forge. A rotate whose outcome is unknown is never sent again.
 *   <li><b>Store</b> the new secret. If the store refuses it, the secret is kept in the rescue store
 *       (for example a {@link dev.patkit.core.rotation.FileSecretStore} beside the journal: a file
 *       only the owner may read) and {@link dev.patkit.core.rotation.TokenDeliveryFailedException}
 *       names that place and the new token's id. Running the plan again takes the secret from there.
 *   <li><b>Install</b> the new token in each holder beside the old record, <b>verify</b> it, then
 *       <b>retire</b> the old record and let the holder <b>settle</b> the new one where users expect it.
 * </ol>
 *
 * <p><b>ServiceStage keeps the authorization's name.</b> ServiceStage cannot update an authorization,
 * so a holder for {@code bot-gl} registers the new token as {@code bot-gl-r<8 hex digits of the plan
 * id>}, verifies it, deletes {@code bot-gl}, registers the new token again as {@code bot-gl},
 * verifies that, and deletes the temporary authorization. Each step finds by name what an earlier
 * run did, so it may be repeated; between delete and re-create the temporary authorization holds the
 * working token. The same scheduled command therefore finds {@code bot-gl} every month.
 */
package dev.patkit.core.rotation;
