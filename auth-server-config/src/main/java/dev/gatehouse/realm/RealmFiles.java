package dev.gatehouse.realm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The realm as its two files declare it. {@value #BASE} is what every deployment gets:
 * roles, client scopes, clients and their service accounts, with each client secret a
 * {@code ${VARIABLE}} placeholder filled from the environment (the secret manager in
 * production). {@value #DEMO} is the demo profile's data: the demo users and the demo
 * client secrets. The demo file may only add to the base realm (new users, values for
 * unset placeholders); a value that would change a base setting is refused, so turning
 * the demo on can never weaken the realm.
 */
public final class RealmFiles {

	public static final String BASE = "realm-gatehouse.json";

	public static final String DEMO = "realm-gatehouse-demo.json";

	/**
	 * Upper-case names only: Keycloak's own {@code ${client_account}} message keys stay
	 * as they are.
	 */
	static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

	/**
	 * Fields that name the elements of the realm's arrays, so the demo file's entries
	 * meet the base's.
	 */
	private static final List<String> KEYS = List.of("clientId", "username", "name", "client");

	private static final String CLASSPATH_FOLDER = "/dev/gatehouse/realm/";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final ObjectNode base;

	private final ObjectNode demo;

	private RealmFiles(ObjectNode base, ObjectNode demo) {
		this.base = base;
		this.demo = demo;
	}

	/** The files packaged with this module (the realm-apply image, the launcher). */
	public static RealmFiles fromClasspath() {
		return new RealmFiles(readResource(BASE), readResource(DEMO));
	}

	/**
	 * The files in a folder, e.g. {@code auth-server-config/} of a checkout, so edits
	 * apply without a rebuild.
	 */
	public static RealmFiles fromDirectory(Path directory) {
		return new RealmFiles(readFile(directory.resolve(BASE)), readFile(directory.resolve(DEMO)));
	}

	public static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	/** A fresh copy of the base realm, placeholders unresolved. */
	public ObjectNode base() {
		return this.base.deepCopy();
	}

	/** A fresh copy of the demo data as written. */
	public ObjectNode demo() {
		return this.demo.deepCopy();
	}

	/**
	 * The realm to apply: the base, its placeholders filled from {@code variables} (a
	 * blank value counts as unset), then with the demo data added when asked for.
	 * @throws RealmDefinitionException when the demo data would change the base, or a
	 * placeholder has no value
	 */
	public ObjectNode resolve(boolean withDemo, Function<String, String> variables) {
		ObjectNode realm = base();
		if (withDemo) {
			addDemo(realm, this.demo, "realm", variables);
		}
		substitute(realm, variables);
		List<String> unresolved = new ArrayList<>();
		collectPlaceholders(realm, "realm", unresolved);
		if (!unresolved.isEmpty()) {
			throw new RealmDefinitionException("the realm needs values for " + unresolved
					+ ": set these environment variables (from the secret manager), or turn on the demo profile for its demo values");
		}
		return realm;
	}

	/**
	 * The environment variables the base realm's placeholders name, e.g. the client
	 * secrets.
	 */
	public TreeSet<String> variables() {
		List<String> found = new ArrayList<>();
		collectPlaceholders(this.base, "realm", found);
		TreeSet<String> names = new TreeSet<>();
		for (String entry : found) {
			Matcher matcher = PLACEHOLDER.matcher(entry);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/**
	 * The demo data laid over a realm in place; see the class comment for what it may do.
	 * A placeholder whose variables are all set keeps them: the environment wins over the
	 * demo value.
	 */
	static void addDemo(ObjectNode target, JsonNode demo, String path, Function<String, String> variables) {
		for (Map.Entry<String, JsonNode> field : demo.properties()) {
			String where = path + "." + field.getKey();
			JsonNode existing = target.get(field.getKey());
			JsonNode value = field.getValue();
			if (existing == null || existing.isNull()) {
				target.set(field.getKey(), value.deepCopy());
			}
			else if (isPlaceholder(existing)) {
				if (!isSet(existing.asString(), variables)) {
					target.set(field.getKey(), value.deepCopy());
				}
			}
			else if (existing.isObject() && value.isObject()) {
				addDemo((ObjectNode) existing, value, where, variables);
			}
			else if (existing.isArray() && value.isArray()) {
				addToArray((ArrayNode) existing, (ArrayNode) value, where, variables);
			}
			else if (!existing.equals(value)) {
				throw new RealmDefinitionException("the demo data may only add to the realm, but it changes " + where
						+ " from " + existing + " to " + value);
			}
		}
	}

	private static void addToArray(ArrayNode target, ArrayNode demo, String path, Function<String, String> variables) {
		for (JsonNode item : demo) {
			Optional<String> key = key(item);
			if (key.isPresent()) {
				String name = item.get(key.get()).asString();
				Optional<JsonNode> match = target.valueStream()
					.filter((candidate) -> candidate.isObject()
							&& name.equals(candidate.path(key.get()).asString(null)))
					.findFirst();
				if (match.isPresent()) {
					addDemo((ObjectNode) match.get(), item, path + "[" + name + "]", variables);
					continue;
				}
			}
			if (target.valueStream().noneMatch(item::equals)) {
				target.add(item.deepCopy());
			}
		}
	}

	private static Optional<String> key(JsonNode item) {
		return item.isObject() ? KEYS.stream().filter((key) -> item.path(key).isString()).findFirst()
				: Optional.empty();
	}

	private static boolean isSet(String text, Function<String, String> variables) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			String value = variables.apply(matcher.group(1));
			if (value == null || value.isBlank()) {
				return false;
			}
		}
		return true;
	}

	private static boolean isPlaceholder(JsonNode node) {
		return node.isString() && PLACEHOLDER.matcher(node.asString()).find();
	}

	static void substitute(JsonNode node, Function<String, String> variables) {
		if (node.isObject()) {
			ObjectNode object = (ObjectNode) node;
			for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
				if (field.getValue().isString()) {
					object.set(field.getKey(), StringNode.valueOf(fill(field.getValue().asString(), variables)));
				}
				else {
					substitute(field.getValue(), variables);
				}
			}
		}
		else if (node.isArray()) {
			ArrayNode array = (ArrayNode) node;
			for (int i = 0; i < array.size(); i++) {
				if (array.get(i).isString()) {
					array.set(i, StringNode.valueOf(fill(array.get(i).asString(), variables)));
				}
				else {
					substitute(array.get(i), variables);
				}
			}
		}
	}

	private static String fill(String text, Function<String, String> variables) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = variables.apply(matcher.group(1));
			String replacement = (value == null || value.isBlank()) ? matcher.group() : value;
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static void collectPlaceholders(JsonNode node, String path, List<String> found) {
		if (node.isString() && PLACEHOLDER.matcher(node.asString()).find()) {
			found.add(node.asString() + " at " + path);
		}
		else if (node.isObject()) {
			node.properties()
				.forEach((field) -> collectPlaceholders(field.getValue(), path + "." + field.getKey(), found));
		}
		else if (node.isArray()) {
			for (JsonNode item : node) {
				collectPlaceholders(item,
						path + "[" + key(item).map(item::get).map(JsonNode::asString).orElse("") + "]", found);
			}
		}
	}

	private static ObjectNode readResource(String name) {
		try (InputStream in = RealmFiles.class.getResourceAsStream(CLASSPATH_FOLDER + name)) {
			if (in == null) {
				throw new RealmDefinitionException(name + " is not packaged in " + CLASSPATH_FOLDER);
			}
			return (ObjectNode) MAPPER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ObjectNode readFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new RealmDefinitionException("realm file not found: " + file);
		}
		return (ObjectNode) MAPPER.readTree(file);
	}

}
