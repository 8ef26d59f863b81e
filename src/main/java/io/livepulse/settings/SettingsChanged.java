package io.livepulse.settings;

/** Published after an admin saved new settings; streams created from now on snapshot {@code current}. */
public record SettingsChanged(StreamSettings previous, StreamSettings current, String changedBy) {
}
