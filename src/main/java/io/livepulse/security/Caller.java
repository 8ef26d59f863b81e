package io.livepulse.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.livepulse.shared.Text;
import io.livepulse.shared.TextFold;

/**
 * The signed-in user behind a request, read from a validated JWT.
 *
 * @param userId the token subject
 * @param roles the caller's roles
 * @param vendorId the seller's vendor id, present for sellers only
 * @param displayName the name to show for the caller (the token's optional {@code name} claim, cleaned:
 *        no control or direction characters, at most {@value #MAX_DISPLAY_NAME} characters), or null
 */
public record Caller(String userId, Set<Role> roles, Long vendorId, String displayName) {

	/** The longest user id stored with a like or a viewer (the width of the {@code user_id} columns). */
	public static final int MAX_USER_ID = 64;

	/** The longest display name kept (the width of the {@code seller_name} column). */
	public static final int MAX_DISPLAY_NAME = 100;

	public Caller(String userId, Set<Role> roles, Long vendorId) {
		this(userId, roles, vendorId, null);
	}

	/**
	 * A display name as it may be shown and stored: format characters (invisible ones, direction marks
	 * and bidirectional controls; {@link TextFold#withoutFormatCharacters}) are dropped, other characters
	 * {@link Text} refuses become spaces, runs of spaces become one, cut at {@value #MAX_DISPLAY_NAME}
	 * characters (never inside a surrogate pair); null when nothing is left.
	 */
	public static @Nullable String cleanDisplayName(@Nullable Object claim) {
		if (!(claim instanceof String raw)) {
			return null;
		}
		StringBuilder kept = new StringBuilder();
		TextFold.withoutFormatCharacters(raw).codePoints().forEach(cp -> {
			String one = Character.toString(cp);
			kept.append(Text.isSingleLine(one) ? one : " ");
		});
		String cleaned = kept.toString().replaceAll("\\s+", " ").strip();
		if (cleaned.length() > MAX_DISPLAY_NAME) {
			int end = Character.isHighSurrogate(cleaned.charAt(MAX_DISPLAY_NAME - 1)) ? MAX_DISPLAY_NAME - 1 : MAX_DISPLAY_NAME;
			cleaned = cleaned.substring(0, end).strip();
		}
		return cleaned.isEmpty() ? null : cleaned;
	}

	/** A token subject that can be a user id: 1-64 characters, one line, no control or direction characters. */
	public static boolean isValidUserId(String subject) {
		return subject != null && !subject.isEmpty() && subject.length() <= MAX_USER_ID && Text.isSingleLine(subject);
	}

	public Caller {
		roles = Set.copyOf(roles);
		displayName = cleanDisplayName(displayName);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	/**
	 * True for a person in the audience, who may like and chat: a viewer, a seller or an admin (SPEC sections
	 * 1, 4 and 14). The shop backend (COMMERCE) and a token without a known role may not.
	 */
	public boolean mayLikeAndChat() {
		return has(Role.VIEWER) || has(Role.SELLER) || isAdmin();
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
