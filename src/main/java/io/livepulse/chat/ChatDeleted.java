package io.livepulse.chat;

/** A moderator deleted a message; the event stream tells viewers to drop it. */
public record ChatDeleted(long streamId, long messageId) {
}
