package dev.gatehouse.bench.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} pairs; {@code --flag} alone means "true". */
final class Args {

	private Args() {
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + args[i]);
			}
			String name = args[i].substring(2);
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				options.put(name, args[++i]);
			}
			else {
				options.put(name, "true");
			}
		}
		return options;
	}

}
