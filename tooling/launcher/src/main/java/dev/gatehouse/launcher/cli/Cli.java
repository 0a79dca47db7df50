package dev.gatehouse.launcher.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.process.StartupException;
import dev.gatehouse.launcher.token.TokenException;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.platform.PlatformDescriptionException;
import dev.gatehouse.platform.PlatformFiles;
import dev.gatehouse.platform.Renaming;
import dev.gatehouse.platform.ServiceScaffold;

/**
 * The {@code ./gatehouse} commands. Output goes to the given streams only, so that tests
 * can read it.
 */
public final class Cli {

	private static final String USAGE = """
			Usage: ./gatehouse <command>

			  up [--detach] [--no-demo]
			                           start Keycloak and the services (foreground: Ctrl-C stops them);
			                           --no-demo: without the demo profile (no demo users, API keys,
			                           Basic user, partner certificate or rows)
			  down                     stop what 'up' started
			  reset                    delete what Redis kept between runs (.gatehouse/redis: API keys
			                           rotated or revoked through the key API, portal sessions)
			  status                   show each component, its pid, URL and health
			  token <user|client>      print an access token (users: Authorization Code + PKCE)
			  apikey new <partner>     print a new partner API key and its hash (run by ./gatehouse
									   with the gateway's generator)
			  apikey rotate <partner> [--retire-old-at <time>] | revoke <key-id> | list <partner>
									   change the gateway's key store in the platform's Redis
			  generate                 write the files derived from gatehouse.yaml (routes, role rules,
			                           rate limits, ports, manifests; each says it is generated)
			  new-service <name> --roles <read>[,<write>] [--calls <service>,...]
			              [--grant <persona|client>=<role>,...]...
			                           add a secured service module (from the template) and its entry
			                           in gatehouse.yaml, its roles given as granted (default: the
			                           first to agent), then generate (docs/adding-a-service.md)
			  remove-service <name>    remove a service new-service added, and generate
			  rename --group-id <id> --brand <name> [--package <package>] [--realm <realm>] [ports]
			                           make the template yours in this clone (clean git tree):
			                           Maven group id, Java package (default: the group id),
			                           realm (default: the brand), the brand clients see
			                           (urn:<brand>:problem:, X-<Brand>-*, <brand>_ keys) and
			                           ports: --gateway-port, --gateway-tls-port,
			                           --gateway-management-port <n>, --service-port and
			                           --service-management-port <service>=<n> (docs/renaming.md)
			  pki                      make new development certificates in .gatehouse/pki (CAs,
									   server and client certificates, partner certificates, CRL);
									   restart a running platform to use them

			Script options (handled by ./gatehouse itself): --rebuild""";

	private static final List<String> RENAME_OPTIONS = List.of("--group-id", "--package", "--realm", "--brand",
			"--gateway-port", "--gateway-tls-port", "--gateway-management-port", "--service-port",
			"--service-management-port");

	private final PlatformConfig config;

	private final PrintStream out;

	private final PrintStream err;

	public Cli(PlatformConfig config, PrintStream out, PrintStream err) {
		this.config = config;
		this.out = out;
		this.err = err;
	}

	/**
	 * @return the process exit code
	 */
	public int run(String... args) {
		List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
		String command = args.length == 0 ? "help" : args[0];
		try {
			switch (command) {
				case "up":
					if (!List.of("--detach", "--no-demo").containsAll(rest)) {
						return usageError("up takes only --detach and --no-demo");
					}
					return new UpCommand(config.withDemo(!rest.contains("--no-demo")), out)
						.run(rest.contains("--detach"));
				case "down":
					return new DownCommand(config.runDirectory(), out).run();
				case "reset":
					if (!rest.isEmpty()) {
						return usageError("reset takes no arguments");
					}
					return new ResetCommand(config, out).run();
				case "status":
					return new StatusCommand(config, out).run();
				case "token":
					if (rest.size() != 1) {
						return usageError("token needs one user or client name, e.g. ./gatehouse token alice");
					}
					return new TokenCommand(config, out).run(rest.get(0));
				case "apikey":
					err.println("apikey: run it as ./gatehouse apikey new <partner>; it uses the gateway's generator.");
					return 1;
				case "pki":
					if (!rest.isEmpty()) {
						return usageError("pki takes no arguments");
					}
					DevPki pki = DevPki.in(config.pkiDirectory());
					pki.regenerate();
					out.println("New development certificates in " + pki.directory() + " (" + DevPki.README
							+ " there lists them); restart a running platform to use them.");
					return 0;
				case "generate":
					if (!rest.isEmpty()) {
						return usageError("generate takes no arguments");
					}
					PlatformFiles.write(config.repoRoot()).forEach((path) -> out.println("generated " + path));
					return 0;
				case "new-service":
					return newService(rest);
				case "remove-service":
					if (rest.size() != 1) {
						return usageError("remove-service needs the service's name");
					}
					new ServiceScaffold(config.repoRoot()).remove(rest.get(0))
						.forEach((path) -> out.println("changed " + path));
					return 0;
				case "rename":
					return rename(rest);
				case "service-modules":
					// For the ./gatehouse script: which modules to build before 'up'.
					config.services().forEach(service -> out.println(service.module()));
					return 0;
				case "help", "-h", "--help":
					out.println(USAGE);
					return 0;
				default:
					return usageError("unknown command '" + command + "'");
			}
		}
		catch (StartupException ex) {
			err.println("error: " + ex.getMessage());
			if (!ex.logTail().isEmpty()) {
				err.println("last lines of " + ex.logFile().map(Object::toString).orElse("its log") + ":");
				ex.logTail().forEach(line -> err.println("  | " + line));
			}
			return 1;
		}
		catch (PlatformDescriptionException ex) {
			err.println("error: " + ex.getMessage());
			return 1;
		}
		catch (TokenException ex) {
			err.println("error: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 130;
		}
	}

	private int newService(List<String> rest) {
		if (rest.isEmpty() || rest.get(0).startsWith("-")) {
			return usageError(
					"new-service needs a name, e.g. ./gatehouse new-service claims-service --roles claim:read,claim:write");
		}
		List<String> roles = List.of();
		List<String> calls = List.of();
		Map<String, List<String>> grants = new LinkedHashMap<>();
		for (int i = 1; i < rest.size(); i += 2) {
			if (i + 1 >= rest.size() || !List.of("--roles", "--calls", "--grant").contains(rest.get(i))) {
				return usageError("new-service takes --roles <read>[,<write>], --calls <service>,... and"
						+ " --grant <persona|client>=<role>,...");
			}
			String value = rest.get(i + 1);
			List<String> values = Arrays.asList(value.split(","));
			switch (rest.get(i)) {
				case "--roles" -> roles = values;
				case "--calls" -> calls = values;
				default -> {
					int equals = value.indexOf('=');
					if (equals < 1 || equals == value.length() - 1) {
						return usageError(
								"--grant takes <persona|client>=<role>,..., e.g. --grant agent=claim:read; got "
										+ value);
					}
					grants.put(value.substring(0, equals), Arrays.asList(value.substring(equals + 1).split(",")));
				}
			}
		}
		ServiceScaffold scaffold = new ServiceScaffold(config.repoRoot());
		(grants.isEmpty() ? scaffold.create(rest.get(0), roles, calls)
				: scaffold.create(rest.get(0), roles, calls, grants))
			.forEach((path) -> out.println("changed " + path));
		out.println("Next: mvn -pl " + rest.get(0) + " -am verify, then ./gatehouse up (docs/adding-a-service.md).");
		return 0;
	}

	private int rename(List<String> rest) {
		Map<String, String> options = new LinkedHashMap<>();
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (int i = 0; i < rest.size(); i += 2) {
			String option = rest.get(i);
			if (i + 1 >= rest.size() || !RENAME_OPTIONS.contains(option)) {
				return usageError("rename takes " + String.join(", ", RENAME_OPTIONS) + ", each with a value; got '"
						+ option + "'");
			}
			String value = rest.get(i + 1);
			try {
				switch (option) {
					case "--gateway-port" -> ports.put("gateway.port", Integer.parseInt(value));
					case "--gateway-tls-port" -> ports.put("gateway.tls-port", Integer.parseInt(value));
					case "--gateway-management-port" -> ports.put("gateway.management-port", Integer.parseInt(value));
					case "--service-port", "--service-management-port" -> {
						String[] serviceAndPort = value.split("=", 2);
						if (serviceAndPort.length != 2) {
							return usageError(option + " takes <service>=<port>, e.g. customer-service=8091");
						}
						ports.put(serviceAndPort[0] + (option.equals("--service-port") ? ".port" : ".management-port"),
								Integer.parseInt(serviceAndPort[1]));
					}
					default -> options.put(option, value);
				}
			}
			catch (NumberFormatException ex) {
				return usageError(option + " takes a port number; got '" + value + "'");
			}
		}
		if (!options.containsKey("--group-id") || !options.containsKey("--brand")) {
			return usageError("rename needs --group-id and --brand, e.g. ./gatehouse rename --group-id com.acme.api"
					+ " --brand acme");
		}
		String groupId = options.get("--group-id");
		String brand = options.get("--brand");
		Renaming.Target target = new Renaming.Target(groupId, options.getOrDefault("--package", groupId),
				options.getOrDefault("--realm", brand), brand, ports);
		new Renaming(config.repoRoot()).rename(target).forEach(out::println);
		out.println("Renamed. Next: mvn verify; git diff shows every change, git checkout . && git clean -fd"
				+ " undoes it (docs/renaming.md).");
		return 0;
	}

	private int usageError(String message) {
		err.println("error: " + message);
		err.println(USAGE);
		return 2;
	}

}
