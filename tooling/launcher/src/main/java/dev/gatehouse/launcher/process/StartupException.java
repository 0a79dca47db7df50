package dev.gatehouse.launcher.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Something kept the platform from starting. The message is one line meant for a person;
 * when a component's own output explains more, the exception carries its log file and
 * last lines.
 */
public class StartupException extends RuntimeException {

	private final Path logFile;

	private final List<String> logTail;

	public StartupException(String message) {
		this(message, null, List.of());
	}

	public StartupException(String message, Throwable cause) {
		super(message, cause);
		this.logFile = null;
		this.logTail = List.of();
	}

	public StartupException(String message, Path logFile, List<String> logTail) {
		super(message);
		this.logFile = logFile;
		this.logTail = List.copyOf(logTail);
	}

	public Optional<Path> logFile() {
		return Optional.ofNullable(logFile);
	}

	public List<String> logTail() {
		return logTail;
	}

	/**
	 * With the log's last lines, so a test report shows why a component did not start, as
	 * the CLI does.
	 */
	@Override
	public String toString() {
		if (logTail.isEmpty()) {
			return super.toString();
		}
		return super.toString() + System.lineSeparator() + "  | "
				+ String.join(System.lineSeparator() + "  | ", logTail);
	}

}
