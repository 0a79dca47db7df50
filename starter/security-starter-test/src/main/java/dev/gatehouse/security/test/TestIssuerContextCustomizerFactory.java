package dev.gatehouse.security.test;

import java.util.List;

import dev.gatehouse.test.TestIssuer;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Applies {@link WithTestIssuer}; registered in {@code META-INF/spring.factories}. */
class TestIssuerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, WithTestIssuer.class) ? new Customizer() : null;
	}

	/**
	 * All instances are equal: the issuer is one per JVM, so it does not split the
	 * context cache.
	 */
	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestPropertyValues.of("gatehouse.security.issuer-uri=" + TestIssuer.shared().issuerUri()).applyTo(context);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
