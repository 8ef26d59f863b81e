package io.livepulse.security;

import java.util.Arrays;

import org.springframework.core.env.Environment;

/** Whether the dev profile (demo sign-in, generated secret) is in effect, explicitly or as the default. */
public final class DevProfile {

	public static final String NAME = "dev";

	private DevProfile() {
	}

	public static boolean isActive(Environment environment) {
		String[] active = environment.getActiveProfiles();
		return active.length == 0 ? Arrays.asList(environment.getDefaultProfiles()).contains(NAME)
				: Arrays.asList(active).contains(NAME);
	}
}
