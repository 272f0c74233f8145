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

  /** A folder and where it came from, for messages. */
  public record Choice(Path folder, String source) {}

  /**
   * The folder the rule picks, whether or not LFW is there yet: {@code data fetch} downloads into
   * it, every other command reads from it via {@link #resolve}.
   */
  public static Choice choose(Path flagOrNull, Map<String, String> env, Workspace workspace) {
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
    return new Choice(folder.toAbsolutePath().normalize(), source);
  }

  /**
   * The LFW root to use.
   *
   * @throws DataNotFoundException naming the folder tried, why it was rejected, and how to fix it
   */
  public static Path resolve(Path flagOrNull, Map<String, String> env, Workspace workspace) {
    Choice choice = choose(flagOrNull, env, workspace);
    Optional<String> problem = LfwLayout.problemWith(choice.folder());
    if (problem.isPresent()) {
      throw new DataNotFoundException(
          "LFW data not found: tried " + choice.folder() + " from " + choice.source() + ", which "
              + problem.get() + ". Run `facesearch data fetch` to download LFW into "
              + workspace.dataDir() + ", or point --data or " + DATA_VARIABLE
              + " at an LFW folder.");
    }
    return choice.folder();
  }
}
