/**
 * The server-rendered pages.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "media", "security", "shared", "shopping", "push", "stream" })
package io.livepulse.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
