/**
 * Live commerce inside the show (issue 27): flash sales of a showcase product with limited units, claimed by
 * signed-in viewers, held for checkout in the shop and settled through the purchases API (never oversold: units
 * move only by conditional updates in the database, on one node or several); and giveaways, whose one winner is
 * drawn from a seed fixed before the first entry, so anyone can check the draw.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "chat", "cluster", "engagement", "presence", "security", "shared", "shopping", "stream" })
package io.livepulse.sales;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
