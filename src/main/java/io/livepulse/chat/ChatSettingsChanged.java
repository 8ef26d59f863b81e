package io.livepulse.chat;

/** A stream's chat switch or slow mode changed; viewers' panels update their hint and input. */
public record ChatSettingsChanged(long streamId, ChatSettings settings) {
}
