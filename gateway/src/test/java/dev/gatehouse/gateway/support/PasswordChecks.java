package dev.gatehouse.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wraps the gateway's real {@link PasswordEncoder} and records which passwords it
 * actually checked, so a test can count the checks a burst of guesses got through to.
 */
public class PasswordChecks implements BeanPostProcessor {

	private final List<String> checked = new CopyOnWriteArrayList<>();

	/** Passwords checked so far that start with {@code prefix}. */
	public long count(String prefix) {
		return this.checked.stream().filter((password) -> password.startsWith(prefix)).count();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof PasswordEncoder encoder)) {
			return bean;
		}
		return new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				return encoder.encode(rawPassword);
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				PasswordChecks.this.checked.add(rawPassword.toString());
				return encoder.matches(rawPassword, encodedPassword);
			}

			@Override
			public boolean upgradeEncoding(String encodedPassword) {
				return encoder.upgradeEncoding(encodedPassword);
			}

		};
	}

}
