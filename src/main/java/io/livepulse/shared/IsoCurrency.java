package io.livepulse.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An ISO 4217 currency that has minor units (EUR, JPY; not XAU or a made-up QQQ): the one rule for every
 * amount LivePulse stores, so a figure is never kept in a currency nobody can read. Null is valid.
 */
@Documented
@Constraint(validatedBy = IsoCurrency.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoCurrency {

	String message() default "must be an ISO 4217 currency code such as EUR";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** The rule itself, for code that checks a currency without bean validation. */
	final class Codes {

		private Codes() {
		}

		/** The currency this code names, if it is one amounts may be kept in. */
		public static Optional<Currency> of(String code) {
			if (code == null || !code.matches("[A-Z]{3}")) {
				return Optional.empty();
			}
			try {
				Currency currency = Currency.getInstance(code);
				return currency.getDefaultFractionDigits() >= 0 ? Optional.of(currency) : Optional.empty();
			}
			catch (IllegalArgumentException unknown) {
				return Optional.empty();
			}
		}
	}

	class Validator implements ConstraintValidator<IsoCurrency, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || Codes.of(value).isPresent();
		}
	}
}
