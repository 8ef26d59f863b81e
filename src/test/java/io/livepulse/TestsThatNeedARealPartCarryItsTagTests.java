package io.livepulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

import io.livepulse.support.TestGroups;

/**
 * The fast loop ({@code bin/test --fast}) leaves out the tagged groups of {@link TestGroups}; this keeps
 * it from silently growing the slow parts. Every test the JUnit Platform discovers under io.livepulse is
 * read from its bytecode: the test method, the class's lifecycle methods, static and instance
 * initialisers and the classes its annotations name (meta-annotations included, e.g. the initializer
 * behind {@code @LivePulsePostgresTest}), of the class, its superclasses, interfaces and enclosing
 * classes, and from there every method of the test tree they call (lambdas included). A test that reaches
 * Chromium (Playwright), the embedded PostgreSQL server (zonky), an embedded Redis or a forked node,
 * nginx-rtmp's configuration or the shipped nginx configuration must carry that group's tag, as JUnit
 * sees it (on the method, the class, a superclass, an enclosing class or a meta-annotation).
 */
class TestsThatNeedARealPartCarryItsTagTests {

	@Test
	void everyTestThatStartsChromiumPostgresRedisNodesNginxOrNginxRtmpCarriesItsTag() {
		TestPlan plan = LauncherFactory.create()
			.discover(LauncherDiscoveryRequestBuilder.request()
				.selectors(DiscoverySelectors.selectPackage("io.livepulse"))
				.build());
		Bytecode bytecode = new Bytecode();
		List<String> untagged = new ArrayList<>();
		int tests = 0;
		Map<String, Integer> needing = new HashMap<>();
		for (TestIdentifier root : plan.getRoots()) {
			for (TestIdentifier test : plan.getDescendants(root)) {
				TestSource source = test.getSource().orElse(null);
				if (!(source instanceof MethodSource methodSource)) {
					continue;
				}
				tests++;
				Set<String> required = bytecode.groupsReachedBy(methodSource.getJavaClass(), methodSource.getJavaMethod());
				required.forEach(group -> needing.merge(group, 1, Integer::sum));
				Set<String> tags = test.getTags().stream().map(TestTag::getName).collect(Collectors.toSet());
				Set<String> missing = new TreeSet<>(required);
				missing.removeAll(tags);
				if (!missing.isEmpty()) {
					untagged.add(methodSource.getClassName() + "#" + methodSource.getMethodName() + " needs " + missing
							+ " (tagged " + new TreeSet<>(tags) + ")");
				}
			}
		}

		assertThat(tests).as("tests discovered").isGreaterThan(300);
		// the check sees the real parts at all: each group is reached by some of today's tests
		assertThat(needing.keySet()).as("groups reached").containsExactlyInAnyOrder(TestGroups.REAL_PARTS.split(","));
		assertThat(untagged).as("tests reaching a real part without its tag (see TestGroups)").isEmpty();
	}

	@Test
	void aTestStartingChromiumThroughAHelperIsSeenEvenWithoutAnyAnnotation() throws Exception {
		Bytecode bytecode = new Bytecode();

		assertThat(bytecode.groupsReachedBy(StartsChromium.class, StartsChromium.class.getDeclaredMethod("opens")))
			.containsExactly(TestGroups.BROWSER);
		assertThat(bytecode.groupsReachedBy(StartsChromium.class, StartsChromium.class.getDeclaredMethod("staysInTheJvm")))
			.isEmpty();
	}

	/** Not a test class (no test annotations): a sample of what the check must catch. */
	static class StartsChromium {

		void opens() {
			Runnable later = () -> browser();
			later.run();
		}

		void staysInTheJvm() {
			Math.abs(-1);
		}

		private static void browser() {
			com.microsoft.playwright.Playwright.create().close();
		}
	}

	/** The test tree's classes as ASM reads them, and what each method reaches. */
	static final class Bytecode {

		private static final Map<String, String> GROUP_OF_PACKAGE = Map.of("com/microsoft/playwright/", TestGroups.BROWSER,
				"io/zonky/test/db/postgres/", TestGroups.POSTGRES, "redis/embedded/", TestGroups.CLUSTER,
				"io/livepulse/support/ForkedNode", TestGroups.CLUSTER);

		private static final Map<String, String> GROUP_OF_CONSTANT = Map.of("media/nginx-rtmp.conf", TestGroups.MEDIA,
				"media/janus", TestGroups.MEDIA, "deploy/nginx/livepulse.conf", TestGroups.PROXY);

		private static final Set<String> LIFECYCLE = Set.of("Lorg/junit/jupiter/api/BeforeAll;",
				"Lorg/junit/jupiter/api/BeforeEach;", "Lorg/junit/jupiter/api/AfterEach;",
				"Lorg/junit/jupiter/api/AfterAll;", "Lorg/springframework/test/context/DynamicPropertySource;",
				"Lnet/jqwik/api/lifecycle/BeforeContainer;", "Lnet/jqwik/api/lifecycle/AfterContainer;",
				"Lnet/jqwik/api/lifecycle/BeforeProperty;", "Lnet/jqwik/api/lifecycle/AfterProperty;",
				"Lnet/jqwik/api/lifecycle/BeforeTry;", "Lnet/jqwik/api/lifecycle/AfterTry;",
				"Lnet/jqwik/api/lifecycle/BeforeExample;", "Lnet/jqwik/api/lifecycle/AfterExample;");

		private final String testTree;

		private final Map<String, ClassInfo> classes = new HashMap<>();

		Bytecode() {
			URL location = TestsThatNeedARealPartCarryItsTagTests.class.getProtectionDomain().getCodeSource().getLocation();
			this.testTree = location.toString();
		}

		/** The groups a test method reaches, with everything that runs around it in its class. */
		Set<String> groupsReachedBy(Class<?> testClass, Method method) {
			String owner = Type.getInternalName(testClass);
			Set<MethodKey> roots = new LinkedHashSet<>();
			for (String type : hierarchyWithEnclosing(owner)) {
				ClassInfo info = info(type);
				for (MethodInfo candidate : info.methods.values()) {
					if (candidate.key.name.equals("<clinit>") || candidate.key.name.equals("<init>")
							|| candidate.annotations.stream().anyMatch(LIFECYCLE::contains)) {
						roots.add(candidate.key);
					}
				}
				// a nested configuration's beans
				for (String member : info.members) {
					ClassInfo memberInfo = info(member);
					if (memberInfo != null) {
						memberInfo.methods.values().stream()
							.filter(m -> m.annotations.contains("Lorg/springframework/context/annotation/Bean;"))
							.forEach(m -> roots.add(m.key));
					}
				}
				for (String named : namedByAnnotations(type, new HashSet<>())) {
					ClassInfo namedInfo = info(named);
					if (namedInfo != null) {
						namedInfo.methods.values().forEach(m -> roots.add(m.key));
					}
				}
			}
			MethodKey test = resolve(owner, method.getName(), Type.getMethodDescriptor(method));
			if (test != null) {
				roots.add(test);
			}
			return reach(owner, roots);
		}

		private Set<String> reach(String testClass, Set<MethodKey> roots) {
			Set<String> groups = new TreeSet<>();
			Set<MethodKey> seen = new HashSet<>();
			Deque<MethodKey> work = new ArrayDeque<>(roots);
			Set<String> hierarchy = hierarchy(testClass);
			while (!work.isEmpty()) {
				MethodKey key = work.pop();
				if (!seen.add(key)) {
					continue;
				}
				ClassInfo info = info(key.owner);
				MethodInfo method = info == null ? null : info.methods.get(key.name + key.desc);
				if (method == null) {
					continue;
				}
				groups.addAll(method.groups);
				for (MethodKey call : method.calls) {
					// a call on the test class's own hierarchy dispatches to the test class's override
					String from = hierarchy.contains(call.owner) ? testClass : call.owner;
					MethodKey target = resolve(from, call.name, call.desc);
					if (target != null) {
						work.push(target);
					}
				}
				for (String created : method.created) {
					ClassInfo createdInfo = info(created);
					// anonymous, local and nested classes: whatever they do may run
					if (createdInfo != null && created.contains("$")) {
						createdInfo.methods.values().forEach(m -> work.push(m.key));
					}
				}
			}
			return groups;
		}

		private MethodKey resolve(String owner, String name, String desc) {
			Deque<String> types = new ArrayDeque<>(List.of(owner));
			Set<String> visited = new HashSet<>();
			while (!types.isEmpty()) {
				String type = types.removeFirst();
				ClassInfo info = visited.add(type) ? info(type) : null;
				if (info == null) {
					continue;
				}
				MethodInfo method = info.methods.get(name + desc);
				if (method != null && !method.isAbstract) {
					return method.key;
				}
				if (info.superName != null) {
					types.addLast(info.superName);
				}
				types.addAll(info.interfaces);
			}
			return null;
		}

		private Set<String> hierarchy(String type) {
			Set<String> types = new LinkedHashSet<>();
			Deque<String> work = new ArrayDeque<>(List.of(type));
			while (!work.isEmpty()) {
				String next = work.pop();
				ClassInfo info = info(next);
				if (info != null && types.add(next)) {
					if (info.superName != null) {
						work.push(info.superName);
					}
					info.interfaces.forEach(work::push);
				}
			}
			return types;
		}

		private Set<String> hierarchyWithEnclosing(String type) {
			Set<String> types = new LinkedHashSet<>();
			for (String current = type; current != null; current = info(current) == null ? null : info(current).outer) {
				types.addAll(hierarchy(current));
			}
			return types;
		}

		/** The classes the annotations of a type name (as values), through annotations of the test tree. */
		private Set<String> namedByAnnotations(String type, Set<String> visited) {
			Set<String> named = new LinkedHashSet<>();
			ClassInfo info = info(type);
			if (info == null || !visited.add(type)) {
				return named;
			}
			named.addAll(info.annotationValues);
			for (String annotation : info.annotationTypes) {
				named.addAll(namedByAnnotations(annotation, visited));
			}
			return named;
		}

		private ClassInfo info(String internalName) {
			if (!classes.containsKey(internalName)) {
				classes.put(internalName, read(internalName));
			}
			return classes.get(internalName);
		}

		/** This check's own machinery, which names the markers it looks for. */
		private static boolean isThisCheck(String internalName) {
			String self = Type.getInternalName(TestsThatNeedARealPartCarryItsTagTests.class);
			return internalName.startsWith(self + "$Bytecode") || internalName.startsWith(self + "$ClassInfo")
					|| internalName.startsWith(self + "$MethodInfo");
		}

		private ClassInfo read(String internalName) {
			URL resource = getClass().getClassLoader().getResource(internalName + ".class");
			if (resource == null || !resource.toString().startsWith(testTree) || isThisCheck(internalName)) {
				return null;
			}
			try (InputStream in = resource.openStream()) {
				ClassInfo info = new ClassInfo(internalName);
				new ClassReader(in).accept(info.visitor(), ClassReader.SKIP_FRAMES);
				return info;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	record MethodKey(String owner, String name, String desc) {
	}

	static final class MethodInfo {

		final MethodKey key;

		final boolean isAbstract;

		final Set<String> annotations = new HashSet<>();

		final Set<String> groups = new TreeSet<>();

		final Set<MethodKey> calls = new LinkedHashSet<>();

		final Set<String> created = new LinkedHashSet<>();

		MethodInfo(MethodKey key, boolean isAbstract) {
			this.key = key;
			this.isAbstract = isAbstract;
		}

		void touches(String internalName) {
			Bytecode.GROUP_OF_PACKAGE.forEach((prefix, group) -> {
				if (internalName.startsWith(prefix)) {
					groups.add(group);
				}
			});
		}
	}

	static final class ClassInfo {

		final String name;

		String superName;

		String outer;

		final List<String> interfaces = new ArrayList<>();

		final List<String> members = new ArrayList<>();

		final Set<String> annotationTypes = new LinkedHashSet<>();

		final Set<String> annotationValues = new LinkedHashSet<>();

		final Map<String, MethodInfo> methods = new HashMap<>();

		ClassInfo(String name) {
			this.name = name;
		}

		ClassVisitor visitor() {
			return new ClassVisitor(Opcodes.ASM9) {

				@Override
				public void visit(int version, int access, String name, String signature, String superName,
						String[] interfaces) {
					ClassInfo.this.superName = superName;
					if (interfaces != null) {
						ClassInfo.this.interfaces.addAll(List.of(interfaces));
					}
				}

				@Override
				public void visitInnerClass(String name, String outerName, String innerName, int access) {
					if (name.equals(ClassInfo.this.name) && outerName != null) {
						outer = outerName;
					}
					if (ClassInfo.this.name.equals(outerName)) {
						members.add(name);
					}
				}

				@Override
				public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
					annotationTypes.add(Type.getType(descriptor).getInternalName());
					return values();
				}

				@Override
				public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
						String[] exceptions) {
					MethodInfo method = new MethodInfo(new MethodKey(ClassInfo.this.name, name, descriptor),
							(access & Opcodes.ACC_ABSTRACT) != 0);
					methods.put(name + descriptor, method);
					return new MethodVisitor(Opcodes.ASM9) {

						@Override
						public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
							method.annotations.add(annotation);
							return null;
						}

						@Override
						public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
								boolean isInterface) {
							method.touches(owner);
							method.calls.add(new MethodKey(owner, name, descriptor));
						}

						@Override
						public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
							method.touches(owner);
						}

						@Override
						public void visitTypeInsn(int opcode, String type) {
							method.touches(type);
							if (opcode == Opcodes.NEW) {
								method.created.add(type);
							}
						}

						@Override
						public void visitLdcInsn(Object value) {
							if (value instanceof String constant && Bytecode.GROUP_OF_CONSTANT.containsKey(constant)) {
								method.groups.add(Bytecode.GROUP_OF_CONSTANT.get(constant));
							}
							if (value instanceof Type type && type.getSort() == Type.OBJECT) {
								method.touches(type.getInternalName());
							}
						}

						@Override
						public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
								Object... arguments) {
							for (Object argument : arguments) {
								if (argument instanceof Handle handle) {
									method.touches(handle.getOwner());
									method.calls.add(new MethodKey(handle.getOwner(), handle.getName(), handle.getDesc()));
								}
							}
						}
					};
				}
			};
		}

		private AnnotationVisitor values() {
			return new AnnotationVisitor(Opcodes.ASM9) {

				@Override
				public void visit(String name, Object value) {
					if (value instanceof Type type && type.getSort() == Type.OBJECT) {
						annotationValues.add(type.getInternalName());
					}
				}

				@Override
				public AnnotationVisitor visitArray(String name) {
					return this;
				}

				@Override
				public AnnotationVisitor visitAnnotation(String name, String descriptor) {
					return this;
				}
			};
		}
	}
}
