package io.livepulse.chat;

/** A message was stored; the event stream delivers it to the stream's viewers. */
public record ChatPosted(ChatMessage message) {
}
