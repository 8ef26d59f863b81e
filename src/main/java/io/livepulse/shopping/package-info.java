/**
 * Live shopping: a seller's products, each stream's showcase and pinned product, the counted
 * click-through to the seller's shop, and per-product figures (impressions, clicks, orders, revenue).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "engagement", "presence", "security", "settings", "shared", "stream" })
package io.livepulse.shopping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
