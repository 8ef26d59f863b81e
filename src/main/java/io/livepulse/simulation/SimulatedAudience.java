package io.livepulse.simulation;

/** The simulated audience of a rehearsal stream; always reported apart from the real one. */
public record SimulatedAudience(int viewers, long likes) {
}
