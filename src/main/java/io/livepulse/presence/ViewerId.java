package io.livepulse.presence;

/**
 * Who a viewer is for counting: a signed-in user id, or an anonymous device id from the cookie.
 * Prefixed so that a user named like a device id is never merged with it.
 */
public record ViewerId(String value) {

	public static ViewerId user(String userId) {
		return new ViewerId("u:" + userId);
	}

	public static ViewerId device(String deviceId) {
		return new ViewerId("d:" + deviceId);
	}
}
