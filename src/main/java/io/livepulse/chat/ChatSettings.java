package io.livepulse.chat;

/** A stream's chat switch and slow mode (0: off; else one message per user per that many seconds). */
public record ChatSettings(boolean enabled, int slowModeSeconds) {

	static final ChatSettings DEFAULT = new ChatSettings(true, 0);
}
