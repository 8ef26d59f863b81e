package io.livepulse.security;

import java.util.Set;

/**
 * The signed-in user behind a request, read from a validated JWT.
 *
 * @param userId the token subject
 * @param roles the caller's roles
 * @param vendorId the seller's vendor id, present for sellers only
 */
public record Caller(String userId, Set<Role> roles, Long vendorId) {

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
