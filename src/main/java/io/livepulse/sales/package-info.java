/**
 * Live commerce inside the show: flash sales of a showcase product with limited units, claimed by signed-in
 * viewers, held for checkout in the shop and settled through the purchases API (issue 27). Never oversold:
 * units move only by conditional updates in the database, on one node or several.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "engagement", "security", "shared", "shopping", "stream" })
package io.livepulse.sales;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
