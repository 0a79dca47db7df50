package dev.gatehouse.deploy;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import io.kubernetes.client.openapi.JSON;
import org.yaml.snakeyaml.Yaml;

/**
 * Validates a Kubernetes object against the API of the Kubernetes release the official
 * Kubernetes Java client ({@code io.kubernetes:client-java-api}) was generated from: each
 * model's {@code validateJsonElement} refuses a field the API does not define, a missing
 * required field, an object or list where the other belongs, and a non-scalar where a
 * scalar belongs, recursively; reading it into the model refuses a value of the wrong
 * type (text where a number belongs). Like {@code kubectl --validate=strict} without a
 * cluster. What it does not check: formats and ranges of scalars (a quoted number or
 * boolean is read leniently), and kinds the client does not know (custom resources),
 * which {@link #modelOf} reports as absent.
 */
final class KubernetesSchema {

	private static final String MODELS = "io.kubernetes.client.openapi.models.";

	private KubernetesSchema() {
	}

	/**
	 * The client's model for an apiVersion and kind, e.g. apps/v1 Deployment to
	 * V1Deployment.
	 */
	static Optional<Class<?>> modelOf(String apiVersion, String kind) {
		String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
		String name = MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
		try {
			Class<?> model = Class.forName(name);
			return Optional.of(model);
		}
		catch (ClassNotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param yaml one object as YAML
	 * @throws AssertionError naming the object and what is wrong with it
	 * @throws IllegalArgumentException when the kind is not part of the Kubernetes API
	 */
	static void validate(String yaml) {
		Map<String, Object> object = new Yaml().load(yaml);
		String apiVersion = String.valueOf(object.get("apiVersion"));
		String kind = String.valueOf(object.get("kind"));
		Class<?> model = modelOf(apiVersion, kind)
			.orElseThrow(() -> new IllegalArgumentException(apiVersion + " " + kind + " is not a Kubernetes API kind"));
		JsonElement json = JSON.getGson().toJsonTree(object);
		String subject = kind + " " + ((Map<?, ?>) object.getOrDefault("metadata", Map.of())).get("name");
		try {
			model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
			JSON.getGson().fromJson(json, model);
		}
		catch (InvocationTargetException ex) {
			throw new AssertionError(subject + " is not valid " + apiVersion + ": " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (JsonParseException | NumberFormatException | IllegalStateException ex) {
			throw new AssertionError(subject + " is not valid " + apiVersion + ": " + ex.getMessage(), ex);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(model + " has no validateJsonElement", ex);
		}
	}

}
