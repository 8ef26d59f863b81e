package io.livepulse.shared;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A number in a path or query is written in decimal digits or refused (400). Spring's own reading of
 * numbers (its default number editor, which it falls back on even when a converter refused the text)
 * takes {@code 0x1F} and {@code #1F} as 31 and {@code +7} as 7, so {@code POST /api/streams/0x1F/end}
 * would end stream 31: an action on an id the client never wrote.
 */
@ControllerAdvice
class DecimalNumbersOnly {

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

	@InitBinder
	void decimalNumbersOnly(WebDataBinder binder) {
		binder.registerCustomEditor(long.class, new Decimal<>(Long::parseLong, false));
		binder.registerCustomEditor(Long.class, new Decimal<>(Long::parseLong, true));
		binder.registerCustomEditor(int.class, new Decimal<>(Integer::parseInt, false));
		binder.registerCustomEditor(Integer.class, new Decimal<>(Integer::parseInt, true));
	}

	private static final class Decimal<N extends Number> extends PropertyEditorSupport {

		private final Function<String, N> parse;
		private final boolean emptyIsAbsent;

		Decimal(Function<String, N> parse, boolean emptyIsAbsent) {
			this.parse = parse;
			this.emptyIsAbsent = emptyIsAbsent;
		}

		@Override
		public void setAsText(String text) {
			if (emptyIsAbsent && (text == null || text.isEmpty())) {
				setValue(null);
			}
			else if (text != null && DECIMAL.matcher(text).matches()) {
				setValue(parse.apply(text));
			}
			else {
				throw new IllegalArgumentException("not a decimal number");
			}
		}
	}
}
