package dev.gatehouse.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

import org.junit.jupiter.api.Tag;

/**
 * A test of the docker compose stack itself (restarts, volumes, images): it runs only in
 * e2e-tests' {@code compose} profile, which {@code .ci/run} runs against the stack it
 * brought up.
 */
@java.lang.annotation.Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Tag("compose")
@interface ComposeOnly {

}
