package io.livepulse.presence;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import io.livepulse.security.Caller;
import io.livepulse.security.Callers;
import io.livepulse.shared.ClientAddress;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Works out who is watching: the signed-in user, else the anonymous device id from the cookie (or, for the
 * embeddable player, the {@value #DEVICE_HEADER} header: the same signed id, the same rules).
 * Device ids are issued and signed by this service ({@link DeviceIds}), at most so many a minute
 * per client address, and count only once they come back in the cookie: a made-up id, or a client
 * that drops cookies, is never a viewer. The client address is Tomcat's remote address, which
 * honours {@code X-Forwarded-For} only from the configured proxies
 * ({@code server.tomcat.remoteip.internal-proxies}).
 */
@Component
public class ViewerIdentity {

	private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;
	/**
	 * The device id as a header, for the embeddable player: framed on a shop's site its cookie is a third-party
	 * one the browser may drop, so the player keeps the id the answer's header gave and sends it back here.
	 */
	public static final String DEVICE_HEADER = "LP-Device";

	private final PresenceProperties properties;
	private final DeviceIds deviceIds;
	private final NewDeviceLimiter newDevices;

	ViewerIdentity(PresenceProperties properties, DeviceIds deviceIds, NewDeviceLimiter newDevices) {
		this.properties = properties;
		this.deviceIds = deviceIds;
		this.newDevices = newDevices;
	}

	/** The visitor behind a heartbeat; issues a device id (cookie) to a new anonymous visitor when allowed. */
	public Visitor resolve(HttpServletRequest request, HttpServletResponse response) {
		return resolve(request, response, Callers.current());
	}

	/**
	 * As {@link #resolve(HttpServletRequest, HttpServletResponse)}, for a caller a fast lane verified itself
	 * (before the security chain, so not yet the request's signed-in caller).
	 */
	public Visitor resolve(HttpServletRequest request, HttpServletResponse response, Optional<Caller> caller) {
		String address = ClientAddress.keyOf(request.getRemoteAddr());
		if (caller.isPresent() && !caller.get().mayLikeAndChat()) {
			return Visitor.refused(address, UncountedHeartbeats.Reason.NOT_AN_AUDIENCE_ROLE);
		}
		Optional<String> cookie = deviceCookie(request).or(() -> deviceHeader(request));
		if (caller.isPresent()) {
			return userViewer(caller.get())
				.map(viewer -> Visitor.signedIn(viewer, address, cookie))
				.orElseGet(() -> Visitor.newDevice(address, Optional.empty()));
		}
		Optional<String> device = cookie.flatMap(deviceIds::verify);
		if (device.isPresent()) {
			return Visitor.counted(ViewerId.device(device.get()), address);
		}
		if (!newDevices.tryAcquire(address, System.nanoTime())) {
			return Visitor.refused(address, cookie.isPresent() ? UncountedHeartbeats.Reason.FORGED_DEVICE_ID
					: UncountedHeartbeats.Reason.NEW_DEVICE_RATE_LIMITED);
		}
		ResponseCookie issued = ResponseCookie.from(properties.deviceCookie(), deviceIds.issue())
			.httpOnly(true).secure(request.isSecure()).sameSite("Lax").path("/").maxAge(ONE_YEAR_SECONDS).build();
		response.addHeader("Set-Cookie", issued.toString());
		response.setHeader(DEVICE_HEADER, issued.getValue());
		return cookie.isPresent() ? Visitor.refused(address, UncountedHeartbeats.Reason.FORGED_DEVICE_ID)
				: Visitor.newDevice(address, deviceIds.verify(issued.getValue()).map(ViewerId::device));
	}

	/** The viewer a request already is, without issuing anything (for leaving). */
	public Optional<ViewerId> existing(HttpServletRequest request) {
		Optional<Caller> caller = Callers.current();
		if (caller.isPresent()) {
			return userViewer(caller.get());
		}
		return deviceCookie(request).or(() -> deviceHeader(request)).flatMap(deviceIds::verify).map(ViewerId::device);
	}

	private static Optional<ViewerId> userViewer(Caller caller) {
		String userId = caller.userId();
		return Caller.isValidUserId(userId) ? Optional.of(ViewerId.user(userId)) : Optional.empty();
	}

	/** The device id an embedded player keeps itself (a framed page gets no first-party cookie), same rules. */
	private static Optional<String> deviceHeader(HttpServletRequest request) {
		return Optional.ofNullable(request.getHeader(DEVICE_HEADER)).filter(value -> value.length() <= 200);
	}

	private Optional<String> deviceCookie(HttpServletRequest request) {
		return Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
			.filter(cookie -> properties.deviceCookie().equals(cookie.getName()))
			.map(Cookie::getValue)
			.findFirst();
	}
}
