package io.livepulse.chat;

import org.jspecify.annotations.Nullable;

/** A stream's pinned chat message changed; {@code pinned} is null when the pin was taken away. */
public record ChatPinChanged(long streamId, @Nullable ChatMessage pinned) {
}
