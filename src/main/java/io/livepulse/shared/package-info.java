/**
 * Small pieces every module may use: problems, text rules, client addresses, limits, logging.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package io.livepulse.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
