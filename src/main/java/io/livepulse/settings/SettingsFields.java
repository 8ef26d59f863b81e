package io.livepulse.settings;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings' fields, read once from {@link StreamSettings}' own declaration: their stored text form
 * and their values in order, so that adding a setting means adding one record component (with its
 * default and its rule), not editing every list of fields.
 */
final class SettingsFields {

	private static final RecordComponent[] FIELDS = StreamSettings.class.getRecordComponents();
	private static final Constructor<StreamSettings> CONSTRUCTOR = canonicalConstructor();

	private SettingsFields() {
	}

	static List<String> names() {
		return Arrays.stream(FIELDS).map(RecordComponent::getName).toList();
	}

	/** The settings as key/value text, in declaration order. */
	static Map<String, String> asValues(StreamSettings settings) {
		Map<String, String> values = new LinkedHashMap<>();
		for (RecordComponent field : FIELDS) {
			values.put(field.getName(), String.valueOf(read(field, settings)));
		}
		return values;
	}

	/** Settings from stored text; a key never stored keeps its default. */
	static StreamSettings fromValues(Map<String, String> values) {
		return build(field -> {
			String text = values.get(field.getName());
			return text == null ? read(field, StreamSettings.DEFAULTS) : parse(field.getType(), text);
		});
	}

	/** Settings whose every field comes from {@code valueOf}, in declaration order. */
	static StreamSettings build(Function<RecordComponent, Object> valueOf) {
		Object[] arguments = Arrays.stream(FIELDS).map(valueOf).toArray();
		try {
			return CONSTRUCTOR.newInstance(arguments);
		}
		catch (InstantiationException | IllegalAccessException | InvocationTargetException impossible) {
			throw new IllegalStateException("StreamSettings could not be built", impossible);
		}
	}

	static Object read(RecordComponent field, Object record) {
		try {
			return field.getAccessor().invoke(record);
		}
		catch (IllegalAccessException | InvocationTargetException impossible) {
			throw new IllegalStateException("StreamSettings." + field.getName() + " could not be read", impossible);
		}
	}

	private static Object parse(Class<?> type, String text) {
		if (type == boolean.class) {
			return Boolean.parseBoolean(text);
		}
		if (type == int.class) {
			return Integer.parseInt(text);
		}
		if (type == double.class) {
			return Double.parseDouble(text);
		}
		throw new IllegalStateException("No stored form for settings of type " + type);
	}

	private static Constructor<StreamSettings> canonicalConstructor() {
		try {
			return StreamSettings.class.getDeclaredConstructor(
					Arrays.stream(FIELDS).map(RecordComponent::getType).toArray(Class<?>[]::new));
		}
		catch (NoSuchMethodException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
