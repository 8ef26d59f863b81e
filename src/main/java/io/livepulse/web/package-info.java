/**
 * The server-rendered pages.
 */
@ApplicationModule(allowedDependencies = { "media", "security", "shopping", "stats", "stream" })
package io.livepulse.web;

import org.springframework.modulith.ApplicationModule;
