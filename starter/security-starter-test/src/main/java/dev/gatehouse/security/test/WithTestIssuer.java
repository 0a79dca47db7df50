package dev.gatehouse.security.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one way to point an application under test at the test issuer,
 * {@link dev.gatehouse.test.TestIssuer#shared()}: sets
 * {@code gatehouse.security.issuer-uri} to it, so tokens from
 * {@code TestIssuer.shared().token(...)} validate, in a {@code @SpringBootTest} as in a
 * {@code @WebMvcTest} or {@code @WebFluxTest} slice. Every test class with it shares one
 * issuer, so Spring can reuse their contexts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestIssuer {

}
