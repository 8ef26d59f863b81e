/**
 * The embeddable live player (issue 28): {@code /embed/{streamId}}, framed by the shop origins admins allow and by
 * nothing else, with the live video, figures, the pinned product and optionally the chat; {@code /embed.js} puts
 * it on a shop's page and bridges "add to cart" to the host page through {@code postMessage}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "media", "push", "security", "shared", "stream" })
package io.livepulse.embed;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
