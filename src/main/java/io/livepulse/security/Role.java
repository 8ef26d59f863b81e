package io.livepulse.security;

/** What a signed-in caller may do; carried in the token's {@code roles} claim. */
public enum Role {
	VIEWER, SELLER, ADMIN, COMMERCE
}
