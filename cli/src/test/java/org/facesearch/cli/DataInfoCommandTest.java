package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DataInfoCommandTest {
  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void jsonCountsTheDeepFunneledCopyAndAMinFacesSubset() {
    String root = LfwTestData.root().toString();
    assertEquals(
        0, run("data", "info", "--data", root, "--min-faces", "50", "--json"), err.toString());
    JsonNode json = JsonMapper.builder().build().readTree(out.toString());
    assertEquals(
        List.of("root", "images", "identities", "subset"), List.copyOf(json.propertyNames()));
    assertEquals(root, json.get("root").asString());
    assertEquals(13_233, json.get("images").asInt());
    assertEquals(5_749, json.get("identities").asInt());
    JsonNode subset = json.get("subset");
    assertEquals(List.of("minFaces", "identities", "images"), List.copyOf(subset.propertyNames()));
    assertEquals(50, subset.get("minFaces").asInt());
    assertEquals(12, subset.get("identities").asInt());
    assertEquals(1_560, subset.get("images").asInt());
  }

  @Test
  void jsonWithoutMinFacesHasNoSubset() {
    assertEquals(
        0, run("data", "info", "--data", LfwTestData.root().toString(), "--json"), err.toString());
    JsonNode json = JsonMapper.builder().build().readTree(out.toString());
    assertEquals(List.of("root", "images", "identities"), List.copyOf(json.propertyNames()));
  }

  @Test
  void textIsReadable() {
    assertEquals(
        0,
        run("data", "info", "--data", LfwTestData.root().toString(), "--min-faces", "70"),
        err.toString());
    String text = out.toString();
    assertTrue(text.contains("13,233"), text);
    assertTrue(text.contains("5,749"), text);
    assertTrue(text.contains("at least 70 images"), text);
    assertTrue(text.contains("1,288"), text);
  }

  @Test
  void missingDataSaysWhereItLookedAndHowToFetch() {
    Path nowhere = temp.resolve("no-lfw-here");
    assertEquals(1, run("data", "info", "--data", nowhere.toString()));
    String message = err.toString();
    assertTrue(message.startsWith("facesearch: LFW data not found"), message);
    assertTrue(message.contains(nowhere.toString()), message);
    assertTrue(message.contains("does not exist"), message);
    assertTrue(message.contains("Run `facesearch data fetch` to download LFW into "), message);
    assertTrue(
        message.strip().endsWith("or point --data or FACESEARCH_DATA at an LFW folder."), message);
    assertEquals("", out.toString());
  }

  @Test
  void minFacesMustBePositive() {
    assertEquals(
        2, run("data", "info", "--data", LfwTestData.root().toString(), "--min-faces", "0"));
    assertTrue(err.toString().contains("--min-faces must be at least 1"), err.toString());
  }
}
