/**
 * Live chat: messages on a live or rehearsal stream, their rate limits and modes (slow mode, chat
 * off), and moderation by the stream's seller and admins (delete, timeout, ban), every action audited.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster", "security", "shared", "stream" })
package io.livepulse.chat;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
