/**
 * Testing a service that uses the starter. With this module on the test classpath,
 * {@code @WebMvcTest} and {@code @WebFluxTest} slices run the starter's security (its
 * decoder, route rules, entry points and problem bodies) instead of Spring Boot's
 * default, and {@link dev.gatehouse.security.test.WithTestIssuer} points the application
 * at the test issuer whose tokens {@code dev.gatehouse.test.TestIssuer} signs.
 */
package dev.gatehouse.security.test;
