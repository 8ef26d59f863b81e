package io.livepulse.chat;

/** A message with a blocked term was held for the seller's review instead of being shown. */
public record ChatHeld(ChatMessage message) {
}
