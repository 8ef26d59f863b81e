package io.livepulse.shopping;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.livepulse.shared.FieldError;
import io.livepulse.shared.HostNames;
import io.livepulse.shared.IsoCurrency;
import io.livepulse.shared.Text;

/**
 * The rules a product keeps, checked all at once so a seller fixes the form in one round: a title of
 * 1-120 characters, a price above 0 and at most 1,000,000.00 in an ISO 4217 currency, https links on a
 * shop domain the admin allows (so a product link is never an open redirect nor a {@code javascript:}
 * URL), an optional SKU. Links are checked in the ASCII form they are stored in ({@link ShopUrls}).
 */
final class ProductRules {

	static final int MAX_TITLE = 120;
	static final int MAX_URL = 2000;
	static final int MAX_SKU = 64;
	static final long MAX_PRICE_MAJOR = 1_000_000;

	/** The shop domains links may point at; {@code anyWhenEmpty}: an empty list allows any https domain (dev). */
	record Domains(Set<String> allowed, boolean anyWhenEmpty) {

		boolean allows(String host) {
			if (allowed.isEmpty()) {
				return anyWhenEmpty;
			}
			return HostNames.allows(allowed, host);
		}
	}

	private ProductRules() {
	}

	/**
	 * The request with its links in their stored ASCII form; a link that has none stays as sent, for
	 * {@link #violations} to report.
	 */
	static ProductRequest normalised(ProductRequest request) {
		return new ProductRequest(request.title(), request.priceMinor(), request.currency(), ascii(request.imageUrl()),
				ascii(request.productUrl()), request.sku());
	}

	private static String ascii(String url) {
		String ascii = ShopUrls.ascii(url);
		return ascii == null ? url : ascii;
	}

	/** Every rule the request breaks; its links are checked as {@link #normalised} stores them. */
	static List<FieldError> violations(ProductRequest request, Domains domains) {
		List<FieldError> errors = new ArrayList<>();
		String title = request.title() == null ? null : request.title().strip();
		if (title == null || title.isEmpty()) {
			errors.add(new FieldError("title", "is required"));
		}
		else if (title.length() > MAX_TITLE) {
			errors.add(new FieldError("title", "must be at most %d characters".formatted(MAX_TITLE)));
		}
		else if (!Text.isSingleLine(title)) {
			errors.add(new FieldError("title", "must not contain control characters or bidirectional overrides"));
		}
		Currency currency = currency(request.currency(), errors);
		if (request.priceMinor() == null) {
			errors.add(new FieldError("priceMinor", "is required"));
		}
		else if (request.priceMinor() <= 0) {
			errors.add(new FieldError("priceMinor", "must be greater than 0"));
		}
		else if (currency != null && request.priceMinor() > maxPriceMinor(currency)) {
			errors.add(new FieldError("priceMinor", "must be at most 1,000,000.00 %s (%d in minor units)"
				.formatted(currency.getCurrencyCode(), maxPriceMinor(currency))));
		}
		url("imageUrl", request.imageUrl(), domains, errors);
		url("productUrl", request.productUrl(), domains, errors);
		if (request.sku() != null && (request.sku().length() > MAX_SKU || !Text.isSingleLine(request.sku()))) {
			errors.add(new FieldError("sku", "must be at most %d characters on one line".formatted(MAX_SKU)));
		}
		return errors;
	}

	static long maxPriceMinor(Currency currency) {
		return BigInteger.TEN.pow(currency.getDefaultFractionDigits()).multiply(BigInteger.valueOf(MAX_PRICE_MAJOR))
			.longValueExact();
	}

	private static Currency currency(String code, List<FieldError> errors) {
		if (code == null || code.isBlank()) {
			errors.add(new FieldError("currency", "is required"));
			return null;
		}
		Optional<Currency> currency = IsoCurrency.Codes.of(code);
		if (currency.isPresent()) {
			return currency.get();
		}
		errors.add(new FieldError("currency", "must be an ISO 4217 currency code such as EUR"));
		return null;
	}

	private static void url(String field, String value, Domains domains, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return;
		}
		String ascii = ShopUrls.ascii(value);
		if (ascii != null && ascii.length() > MAX_URL) {
			errors.add(new FieldError(field, "must be at most %d characters (with non-ASCII characters encoded)"
				.formatted(MAX_URL)));
			return;
		}
		String host = ascii == null ? null : httpsHost(ascii);
		if (host == null) {
			errors.add(new FieldError(field, "must be an https:// address"));
		}
		else if (!domains.allows(host)) {
			errors.add(new FieldError(field, domains.allowed().isEmpty()
					? "must be on a shop domain an admin allows; none is allowed yet"
					: "must be on a shop domain an admin allows (" + String.join(", ", domains.allowed()) + ")"));
		}
	}

	/** The lower-case host of an absolute https URL with no user info, or null when it is anything else. */
	static String httpsHost(String value) {
		if (!Text.isSingleLine(value) || value.chars().anyMatch(Character::isWhitespace)) {
			return null;
		}
		try {
			URI uri = new URI(value);
			if (!"https".equals(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null) {
				return null;
			}
			String host = uri.getHost().toLowerCase(Locale.ROOT);
			return HostNames.isHostName(host) ? host : null;
		}
		catch (URISyntaxException malformed) {
			return null;
		}
	}
}
