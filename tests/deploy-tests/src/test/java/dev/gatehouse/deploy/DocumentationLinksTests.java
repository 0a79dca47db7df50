package dev.gatehouse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README, of the pages under docs/ and of each module's README
 * points to a file or folder of the repository, and a link to a heading of a Markdown
 * file (`page.md#anchor`, `#anchor`) to a heading that exists, named as GitHub names its
 * anchors. Moving a section from one page to another cannot leave a dead link behind.
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern FENCE = Pattern.compile("(?m)^\\s*```.*?^\\s*```[^\\n]*$", Pattern.DOTALL);

	private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	@Test
	void everyRelativeLinkOfTheDocumentationResolves() {
		List<Path> pages = pages(Commands.ROOT);
		assertThat(pages).as("documentation pages")
			.contains(Commands.ROOT.resolve("README.md"), Commands.ROOT.resolve("docs/layout.md"));
		assertThat(deadLinks(Commands.ROOT, pages)).as("dead links (page: link)").isEmpty();
	}

	@Test
	void aMissingFileAndAMissingHeadingAreFound(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("docs"));
		Files.writeString(root.resolve("docs/page.md"), """
				# A page (with `code`, and punctuation)

				## Where it's told
				""");
		Files.writeString(root.resolve("README.md"), """
				[ok](docs/page.md#a-page-with-code-and-punctuation) [ok](docs/page.md#where-its-told)
				[gone](docs/gone.md) [no heading](docs/page.md#nowhere) [ok, outside](https://example.org/x)
				```sh
				[not a link in code](docs/also-gone.md)
				```
				""");
		assertThat(deadLinks(root, pages(root))).containsExactly("README.md: docs/gone.md",
				"README.md: docs/page.md#nowhere");
	}

	private static List<Path> pages(Path root) {
		List<Path> pages = new ArrayList<>();
		pages.add(root.resolve("README.md"));
		for (Path folder : List.of(root.resolve("docs"), root)) {
			try (Stream<Path> files = Files.list(folder)) {
				files.map((file) -> folder.equals(root) ? file.resolve("README.md") : file)
					.filter((file) -> Files.isRegularFile(file) && file.toString().endsWith(".md"))
					.filter((file) -> !pages.contains(file))
					.sorted()
					.forEach(pages::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return pages;
	}

	private static List<String> deadLinks(Path root, List<Path> pages) {
		Map<Path, Set<String>> anchors = new HashMap<>();
		List<String> dead = new ArrayList<>();
		for (Path page : pages) {
			String text = INLINE_CODE.matcher(FENCE.matcher(read(page)).replaceAll("")).replaceAll("code");
			Matcher link = LINK.matcher(text);
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash < 0) ? target : target.substring(0, hash);
				Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
				boolean exists = resolved.startsWith(root) && Files.exists(resolved);
				if (exists && hash >= 0 && resolved.toString().endsWith(".md")) {
					exists = anchors.computeIfAbsent(resolved, DocumentationLinksTests::anchors)
						.contains(target.substring(hash + 1));
				}
				if (!exists) {
					dead.add(root.relativize(page) + ": " + target);
				}
			}
		}
		return dead;
	}

	/**
	 * The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces
	 * as hyphens.
	 */
	private static Set<String> anchors(Path page) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		Matcher heading = HEADING.matcher(FENCE.matcher(read(page)).replaceAll(""));
		while (heading.find()) {
			String slug = heading.group(1)
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-');
			int count = seen.merge(slug, 1, Integer::sum);
			anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
		}
		return anchors;
	}

	private static String read(Path page) {
		try {
			return Files.readString(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
