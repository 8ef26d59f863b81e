/**
 * Small pieces every module may use: problems, text rules, client addresses, limits, logging.
 */
@ApplicationModule(allowedDependencies = {})
package io.livepulse.shared;

import org.springframework.modulith.ApplicationModule;
