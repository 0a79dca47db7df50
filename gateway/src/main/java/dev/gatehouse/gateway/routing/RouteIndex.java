package dev.gatehouse.gateway.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.server.PathContainer;
import org.springframework.util.StringUtils;

/**
 * The routes a request can match, narrowed by the literal leading segments of the routes'
 * {@code Path} predicates: Spring Cloud Gateway tests every route in order until one
 * matches, so a request to the last of 1,000 routes tested 999 predicates first.
 * <p>
 * A route is narrowed only when its definition's first predicate is {@code Path}: the
 * definition's predicates are joined by AND and tested in their order, so a request that
 * the Path predicate refuses is refused by the whole route before any other of its
 * predicates runs, and skipping the route changes nothing. Its patterns' leading literal
 * segments (up to the first segment with a wildcard, a variable or nothing in it) are
 * what {@code PathPattern} compares one to one with the request's first segments
 * ({@code valueToMatch}: decoded, without {@code ;} parameters; case-sensitive as the
 * factory's parser). Every other route (no Path predicate first, a {@code /**} or
 * {@code /{variable}} pattern, a route not made from a definition, an id seen twice)
 * stays a candidate for every request. The candidates keep the routes' order, so the
 * first one that matches is the route Spring Cloud Gateway would have picked.
 */
final class RouteIndex {

	private static final String PATH = "Path";

	private final Node root;

	private RouteIndex(Node root) {
		this.root = root;
	}

	/**
	 * @param routes the routes in the order they are tested
	 * @param definitions the definitions the routes were made from
	 * @param basePath {@code spring.webflux.base-path}, which the Path predicate puts in
	 * front of its patterns
	 */
	static RouteIndex of(List<Route> routes, List<RouteDefinition> definitions, String basePath) {
		Map<String, Long> routeIds = routes.stream()
			.collect(Collectors.groupingBy(Route::getId, Collectors.counting()));
		Map<String, List<RouteDefinition>> definitionsById = definitions.stream()
			.filter((definition) -> definition.getId() != null)
			.collect(Collectors.groupingBy(RouteDefinition::getId));
		Node root = new Node();
		for (int i = 0; i < routes.size(); i++) {
			Route route = routes.get(i);
			List<RouteDefinition> definition = definitionsById.getOrDefault(route.getId(), List.of());
			List<String> patterns = (routeIds.get(route.getId()) == 1 && definition.size() == 1)
					? leadingPathPatterns(route, definition.get(0)) : List.of();
			if (patterns.isEmpty()) {
				root.own.add(i);
			}
			for (String pattern : patterns) {
				root.descend(literalPrefix(basePath, pattern)).own.add(i);
			}
		}
		root.complete(new TreeSet<>(), List.of(), routes);
		return new RouteIndex(root);
	}

	/** The routes that may match this path, in their order. */
	List<Route> candidates(PathContainer path) {
		List<PathContainer.Element> elements = path.elements();
		Node node = this.root;
		for (int i = 0; i + 1 < elements.size(); i += 2) {
			if (!(elements.get(i) instanceof PathContainer.Separator)
					|| !(elements.get(i + 1) instanceof PathContainer.PathSegment segment)) {
				break;
			}
			Node child = node.children.get(segment.valueToMatch());
			if (child == null) {
				break;
			}
			node = child;
		}
		return node.candidates;
	}

	/**
	 * The patterns of the route's Path predicate when it is its definition's first; none
	 * when the route cannot be narrowed. The patterns are read from the predicate the
	 * route tests (what the gateway bound), the order from the definition; their counts
	 * of Path predicates must agree.
	 */
	private static List<String> leadingPathPatterns(Route route, RouteDefinition definition) {
		if (definition.getPredicates().isEmpty() || !PATH.equals(definition.getPredicates().get(0).getName())) {
			return List.of();
		}
		List<PathRoutePredicateFactory.Config> paths = new ArrayList<>();
		route.getPredicate().accept((predicate) -> {
			if (predicate.getConfig() instanceof PathRoutePredicateFactory.Config config) {
				paths.add(config);
			}
		});
		long declared = definition.getPredicates()
			.stream()
			.filter((predicate) -> PATH.equals(predicate.getName()))
			.count();
		return (paths.size() == declared) ? paths.get(0).getPatterns() : List.of();
	}

	/**
	 * The pattern's leading literal segments as {@code PathPatternParser} reads them (a
	 * segment with {@code *}, {@code ?} or <code>{</code> is not literal), after the base
	 * path as {@link PathRoutePredicateFactory} adds it.
	 */
	static List<String> literalPrefix(String basePath, String pattern) {
		String full = pattern;
		if (StringUtils.hasText(basePath)) {
			full = basePath + ((pattern.length() > 1 && !pattern.startsWith("/")) ? "/" : "") + pattern;
		}
		List<String> segments = new ArrayList<>();
		if (!full.startsWith("/")) {
			return segments;
		}
		for (String segment : full.substring(1).split("/", -1)) {
			if (segment.isEmpty() || segment.chars().anyMatch((c) -> c == '*' || c == '?' || c == '{' || c == '}')) {
				break;
			}
			segments.add(segment);
		}
		return segments;
	}

	private static final class Node {

		private final Map<String, Node> children = new HashMap<>();

		private final List<Integer> own = new ArrayList<>();

		private List<Route> candidates = List.of();

		private Node descend(List<String> segments) {
			Node node = this;
			for (String segment : segments) {
				node = node.children.computeIfAbsent(segment, (name) -> new Node());
			}
			return node;
		}

		/**
		 * A node's candidates: its own routes and those of the nodes above it, in the
		 * routes' order. A node without routes of its own shares its parent's list.
		 */
		private void complete(SortedSet<Integer> above, List<Route> aboveRoutes, List<Route> routes) {
			SortedSet<Integer> indices = above;
			List<Route> candidates = aboveRoutes;
			if (!this.own.isEmpty()) {
				indices = new TreeSet<>(above);
				indices.addAll(this.own);
				candidates = indices.stream().map(routes::get).toList();
			}
			this.candidates = candidates;
			for (Node child : this.children.values()) {
				child.complete(indices, candidates, routes);
			}
		}

	}

}
