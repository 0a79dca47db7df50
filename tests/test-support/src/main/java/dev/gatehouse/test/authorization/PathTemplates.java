package dev.gatehouse.test.authorization;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Path templates ({@code /api/customers/{id}}) against the patterns of role rules and
 * routes ({@code /api/customers/*}, {@code /api/**}), matched as Spring Security and
 * Spring Cloud Gateway match them (PathPattern).
 */
public final class PathTemplates {

	private PathTemplates() {
	}

	/**
	 * A concrete path for a template: each variable becomes a value no literal segment
	 * has, so {@code /api/customers/{id}} does not match a rule for
	 * {@code /api/customers/me}.
	 */
	public static String sample(String template) {
		return template.replaceAll("\\{([^}/]+)}", "_$1_");
	}

	public static boolean matches(String pattern, String path) {
		PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
		return parsed.matches(PathContainer.parsePath(path));
	}

}
