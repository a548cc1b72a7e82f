package io.netecho;

import io.netecho.config.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README is a user's first page: its configuration rows, and the full table in docs/configuration.md, are
 * generated from the keys, so they cannot drift apart; it stays short, and everything it points to, in it and in docs/, exists.
 */
class ReadmeTest {

  private static final int MAX_README_LINES = 250;
  private static final Path README = Path.of("README.md");
  private static final Path DOCS = Path.of("docs");
  /** A Markdown link or image, {@code [text](target)}; the target without a title. */
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)[^)]*\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern ISSUE_NUMBER = Pattern.compile("(?i)\\bissues?\\s*#?\\d+");

  @Test
  void docsHoldTheConfigurationTableOfTheKeys() throws Exception {
    String doc = Files.readString(DOCS.resolve("configuration.md"));
    assertTrue(doc.contains(ConfigTable.markdown()),
      "docs/configuration.md's table differs from the keys'; the table to paste:\n" + ConfigTable.markdown());
  }

  @Test
  void readmesRowsAreRowsOfTheKeysTable() throws Exception {
    List<String> generated = ConfigTable.markdown().lines().toList();
    // a row of five cells that names a key: a configuration row, not one of the README's other tables
    List<String> rows = Files.readAllLines(README).stream().filter(line -> line.startsWith("| `")
      && line.split("\\|", -1).length == 7
      && generated.stream().anyMatch(row -> row.startsWith(line.substring(0, line.indexOf('`', 3) + 1)))).toList();
    assertTrue(rows.size() >= 10, "the README shows the keys a new user touches first: " + rows);
    for (String row : rows) {
      assertTrue(generated.contains(row), "README.md's row differs from the keys'; the row is:\n" + row);
    }
  }

  @Test
  void configurationTableHasOneRowPerKey() {
    List<String> rows = ConfigTable.markdown().lines().toList();

    assertEquals(ConfigKeys.all().size() + 2, rows.size());
    assertEquals("| `port` | integer | `8124` | 0..65535 | TCP port (0 = ephemeral; the chosen port is printed) |",
      rows.get(3));
    assertTrue(rows.contains("| `admin.token` | string or null | none | at least 16 characters, or none "
      + "| bearer token POST /broadcast requires; none = 403 |"), String.join("\n", rows));
  }

  @Test
  void readmeIsAtMost250Lines() throws Exception {
    int lines = Files.readAllLines(README).size();
    assertTrue(lines <= MAX_README_LINES,
      "README.md has " + lines + " lines, at most " + MAX_README_LINES + ": move the depth to docs/");
  }

  @Test
  void readmeLinksDocsPagesThatExist() throws Exception {
    List<String> docsLinks = links(README).stream().filter(link -> link.startsWith("docs/")).toList();
    assertFalse(docsLinks.isEmpty(), "README.md links no page in docs/");
    List<String> missing = docsLinks.stream()
      .map(ReadmeTest::withoutAnchor)
      .filter(file -> !Files.isRegularFile(Path.of(file)))
      .toList();
    assertEquals(List.of(), missing, "README.md links docs pages that do not exist");
  }

  @Test
  void everyRelativeLinkInReadmeAndDocsResolves() throws Exception {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String link : links(page)) {
        if (isExternal(link)) {
          continue;
        }
        String file = withoutAnchor(link);
        Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        if (!Files.exists(target)) {
          broken.add(page + ": " + link + " (no such file)");
        } else if (link.contains("#") && target.toString().endsWith(".md")
          && !anchors(target).contains(link.substring(link.indexOf('#') + 1))) {
          broken.add(page + ": " + link + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken, "broken relative links");
  }

  @Test
  void readmeAndDocsNameNoIssueNumbers() throws Exception {
    List<String> found = new ArrayList<>();
    for (Path page : pages()) {
      Matcher matcher = ISSUE_NUMBER.matcher(Files.readString(page));
      while (matcher.find()) {
        found.add(page + ": " + matcher.group());
      }
    }
    assertEquals(List.of(), found, "user documentation speaks of the product, not of its issue tracker");
  }

  /** README.md and every Markdown page under docs/. */
  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(README));
    try (Stream<Path> docs = Files.walk(DOCS)) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The link targets of a page, outside fenced code blocks. */
  private static List<String> links(Path page) throws IOException {
    List<String> links = new ArrayList<>();
    for (String line : prose(page)) {
      Matcher matcher = LINK.matcher(line);
      while (matcher.find()) {
        links.add(matcher.group(1));
      }
    }
    return links;
  }

  /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as '-'. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : prose(page)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        anchors.add(heading.group(1).toLowerCase(Locale.ROOT)
          .replaceAll("[^\\p{L}\\p{N} _-]", "")
          .replace(' ', '-'));
      }
    }
    return anchors;
  }

  /** A page's lines outside fenced code blocks, where '#' and brackets are code, not Markdown. */
  private static List<String> prose(Path page) throws IOException {
    List<String> prose = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        prose.add(line);
      }
    }
    return prose;
  }

  private static boolean isExternal(String link) {
    return link.matches("(?i)[a-z][a-z0-9+.-]*:.*");
  }

  private static String withoutAnchor(String link) {
    int hash = link.indexOf('#');
    return hash < 0 ? link : link.substring(0, hash);
  }
}
