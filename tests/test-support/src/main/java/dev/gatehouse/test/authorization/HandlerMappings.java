package dev.gatehouse.test.authorization;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The endpoints a Spring MVC service maps, as "METHOD /path/{template}" to hold against
 * gatehouse.yaml.
 */
public final class HandlerMappings {

	private HandlerMappings() {
	}

	/**
	 * @param basePackage only handlers of the service's own code (not Spring Boot's error
	 * controller)
	 * @return one entry per method and path; a mapping for every method is named "ANY
	 * /path"
	 */
	public static Set<String> of(RequestMappingHandlerMapping mappings, String basePackage) {
		Set<String> endpoints = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith(basePackage)) {
				return;
			}
			for (String path : paths(info)) {
				if (info.getMethodsCondition().getMethods().isEmpty()) {
					endpoints.add("ANY " + path);
				}
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					endpoints.add(method.name() + " " + path);
				}
			}
		});
		return endpoints;
	}

	private static Set<String> paths(RequestMappingInfo info) {
		PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
		return (patterns != null) ? patterns.getPatternValues() : info.getPatternValues();
	}

}
