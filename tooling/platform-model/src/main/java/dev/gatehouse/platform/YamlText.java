package dev.gatehouse.platform;

import java.util.List;

/**
 * Edits of gatehouse.yaml as text, so that its comments and layout stay as written: find
 * a section by its header line and the end of an indented block. A block ends before the
 * first non-blank line indented no deeper than its header; trailing blank lines stay
 * outside it, so an entry added at its end and removed again leaves the file as it was.
 */
final class YamlText {

	private YamlText() {
	}

	/** The index of the line that is exactly {@code header}, at or after {@code from}. */
	static int find(List<String> lines, String header, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).equals(header)) {
				return i;
			}
		}
		throw new PlatformDescriptionException(PlatformDescription.FILE + " has no line '" + header.strip() + "'");
	}

	/**
	 * The index after the last line of the block (a mapping entry or a list item) that
	 * starts at {@code start}.
	 */
	static int end(List<String> lines, int start) {
		int indent = indent(lines.get(start));
		int end = start + 1;
		for (int i = start + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			if (indent(line) <= indent) {
				break;
			}
			end = i + 1;
		}
		return end;
	}

	static int indent(String line) {
		int indent = 0;
		while (indent < line.length() && line.charAt(indent) == ' ') {
			indent++;
		}
		return indent;
	}

}
