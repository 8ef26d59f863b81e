/**
 * The push hub: what each screen sees and pushing it to them (the event streams of the web server and of the
 * event port, the public engagement view, seller stats).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "chat", "engagement", "media", "playback", "presence", "sales", "security", "settings", "shared", "shopping", "simulation", "stream" })
package io.livepulse.push;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
