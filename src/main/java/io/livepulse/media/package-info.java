/**
 * The media server: publish hooks, playback ids, encoder sessions and health, recordings.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "security", "shared", "stream" })
package io.livepulse.media;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
