/**
 * The media server: publish hooks, playback ids, encoder sessions and health, recordings.
 */
@ApplicationModule(allowedDependencies = { "security", "shared", "stream" })
package io.livepulse.media;

import org.springframework.modulith.ApplicationModule;
