package org.facesearch.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which LFW folder a command uses: {@code --data DIR}, else {@code $FACESEARCH_DATA}, else the
 * workspace's data folder. An explicitly named folder is never silently replaced by another one:
 * a typo in {@code --data} must not quietly run on a different copy.
 */
public final class DataLocation {
  public static final String DATA_VARIABLE = "FACESEARCH_DATA";

  private DataLocation() {}

  /**
   * The LFW root to use.
   *
   * @throws DataNotFoundException naming the folder tried, why it was rejected, and how to fix it
   */
  public static Path resolve(Path flagOrNull, Map<String, String> env, Workspace workspace) {
    Path folder;
    String source;
    if (flagOrNull != null) {
      folder = flagOrNull;
      source = "--data";
    } else if (env.get(DATA_VARIABLE) != null && !env.get(DATA_VARIABLE).isBlank()) {
      folder = Path.of(env.get(DATA_VARIABLE));
      source = DATA_VARIABLE;
    } else {
      folder = workspace.dataDir();
      source = "the workspace's data folder (no --data given and " + DATA_VARIABLE + " is not set)";
    }
    folder = folder.toAbsolutePath().normalize();
    Optional<String> problem = LfwLayout.problemWith(folder);
    if (problem.isPresent()) {
      throw new DataNotFoundException(
          "LFW data not found: tried " + folder + " from " + source + ", which " + problem.get()
              + ". Run `facesearch data fetch` to download LFW into " + workspace.dataDir()
              + ", or point --data or " + DATA_VARIABLE + " at an LFW folder.");
    }
    return folder;
  }
}
