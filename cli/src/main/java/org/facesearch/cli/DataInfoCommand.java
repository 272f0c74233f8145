package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.facesearch.data.DataLocation;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code facesearch data info}: how many photos and people the LFW copy (or a subset) holds. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Count the images and people of the LFW copy, optionally of a min-faces subset.")
public final class DataInfoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: $FACESEARCH_DATA, else the workspace's data/lfw).")
  Path data;

  @Option(
      names = "--min-faces",
      paramLabel = "N",
      description = "Also count the people with at least N images, and their images.")
  Integer minFaces;

  @Option(
      names = "--json",
      description =
          "Print JSON: root, images, identities, and subset {minFaces, identities, images}.")
  boolean json;

  @Override
  public void run() {
    if (minFaces != null && minFaces < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--min-faces must be at least 1, got " + minFaces);
    }
    Map<String, String> env = System.getenv();
    LfwDataset lfw =
        LfwDataset.open(DataLocation.resolve(data, env, Workspace.fromEnvironment(env)));
    LfwDataset subset = minFaces == null ? null : lfw.subset(minFaces);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonMapper.builder().build().writeValueAsString(asJson(lfw, subset)));
    } else {
      printText(out, lfw, subset);
    }
    out.flush();
  }

  private Map<String, Object> asJson(LfwDataset lfw, LfwDataset subset) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("root", lfw.root().toString());
    info.put("images", lfw.images().size());
    info.put("identities", lfw.identities().size());
    if (subset != null) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("minFaces", minFaces);
      part.put("identities", subset.identities().size());
      part.put("images", subset.images().size());
      info.put("subset", part);
    }
    return info;
  }

  private void printText(PrintWriter out, LfwDataset lfw, LfwDataset subset) {
    out.printf("LFW at %s%n", lfw.root());
    out.printf("  images:      %,7d%n", lfw.images().size());
    out.printf("  identities:  %,7d%n", lfw.identities().size());
    if (lfw.ignoredFiles() > 0) {
      out.printf(
          "  (%,d files in the person folders are not named <Name>_NNNN.jpg and were ignored)%n",
          lfw.ignoredFiles());
    }
    if (subset != null) {
      out.printf("People with at least %d images:%n", minFaces);
      out.printf("  identities:  %,7d%n", subset.identities().size());
      out.printf("  images:      %,7d%n", subset.images().size());
    }
  }
}
