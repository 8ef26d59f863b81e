/**
 * Webhooks (issue 28): sellers and admins register HTTPS endpoints for stream, pin and order events; each event
 * is written to an outbox (in the change's own transaction where it has one) and sent out of the request path,
 * signed the Standard Webhooks way, retried on a fixed schedule, each delivery by one node, never to a private
 * address.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "chat", "cluster", "engagement", "media", "sales", "security", "shared", "shopping", "stream" })
package io.livepulse.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
