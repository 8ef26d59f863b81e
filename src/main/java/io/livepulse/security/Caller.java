package io.livepulse.security;

import java.util.Set;

import io.livepulse.shared.Text;

/**
 * The signed-in user behind a request, read from a validated JWT.
 *
 * @param userId the token subject
 * @param roles the caller's roles
 * @param vendorId the seller's vendor id, present for sellers only
 */
public record Caller(String userId, Set<Role> roles, Long vendorId) {

	/** The longest user id stored with a like or a viewer (the width of the {@code user_id} columns). */
	public static final int MAX_USER_ID = 64;

	/** A token subject that can be a user id: 1-64 characters, one line, no control or direction characters. */
	public static boolean isValidUserId(String subject) {
		return subject != null && !subject.isEmpty() && subject.length() <= MAX_USER_ID && Text.isSingleLine(subject);
	}

	public Caller {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean isAdmin() {
		return has(Role.ADMIN);
	}

	/** True when the caller is the seller owning {@code streamVendorId}. */
	public boolean ownsStreamOf(long streamVendorId) {
		return has(Role.SELLER) && vendorId != null && vendorId == streamVendorId;
	}

	/** True when the caller is the seller owning {@code streamVendorId}, or an admin. */
	public boolean mayManageStreamOf(long streamVendorId) {
		return isAdmin() || ownsStreamOf(streamVendorId);
	}
}
