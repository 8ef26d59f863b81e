/**
 * Live chat: messages on a live or rehearsal stream, their rate limits and modes (slow mode, chat
 * off), moderation by the stream's seller and admins (delete, pin, timeout, ban, blocked terms, review),
 * every action audited, the admins' allow-list of link hosts, and chat figures for analytics.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "security", "settings", "shared", "stream" })
package io.livepulse.chat;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
