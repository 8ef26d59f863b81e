package io.livepulse.presence;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import io.livepulse.security.Caller;
import io.livepulse.security.Callers;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Works out who is watching: the signed-in user, else the anonymous device id from the cookie,
 * which is set on first contact (a random UUID, HttpOnly, one year). A device id counts only once
 * it comes back in the cookie: a client that drops cookies would otherwise be a new viewer on
 * every heartbeat and inflate the real count.
 */
@Component
public class ViewerIdentity {

	private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final PresenceProperties properties;

	ViewerIdentity(PresenceProperties properties) {
		this.properties = properties;
	}

	/** The viewer to count, or empty when a device id was only just issued and is not counted yet. */
	public Optional<ViewerId> resolve(HttpServletRequest request, HttpServletResponse response) {
		Optional<Caller> caller = Callers.current();
		if (caller.isPresent()) {
			String userId = caller.get().userId();
			return userId == null || userId.length() > 64 ? Optional.empty() : Optional.of(ViewerId.user(userId));
		}
		Optional<String> device = Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
			.filter(cookie -> properties.deviceCookie().equals(cookie.getName()))
			.map(Cookie::getValue)
			.filter(value -> DEVICE_ID.matcher(value).matches())
			.findFirst();
		if (device.isPresent()) {
			return Optional.of(ViewerId.device(device.get()));
		}
		String fresh = UUID.randomUUID().toString();
		ResponseCookie cookie = ResponseCookie.from(properties.deviceCookie(), fresh)
			.httpOnly(true).sameSite("Lax").path("/").maxAge(365L * 24 * 3600).build();
		response.addHeader("Set-Cookie", cookie.toString());
		return Optional.empty();
	}
}
