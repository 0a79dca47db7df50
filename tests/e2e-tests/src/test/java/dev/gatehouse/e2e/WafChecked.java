package dev.gatehouse.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holds every request the class's tests send to the launcher's gateway against the edge's
 * WAF first ({@link WafMirror}): a legitimate request of the suite that the WAF would
 * refuse fails the test that sent it. Classes whose requests are all meant to pass the
 * edge opt in.
 */
@java.lang.annotation.Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WafMirror.Extension.class)
@interface WafChecked {

}
