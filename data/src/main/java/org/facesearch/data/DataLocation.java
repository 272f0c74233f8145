package org.facesearch.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.facesearch.data.setting.SettingMessage;

/**
 * Which LFW folder a command uses: the one named ({@link DataSetting#DATA_FOLDER}, the command
 * line's {@code --data}), else {@code $FACESEARCH_DATA}, else the workspace's data folder. An
 * explicitly named folder is never silently replaced by another one: a typo in the name must not
 * quietly run on a different copy.
 */
public final class DataLocation {
  public static final String DATA_VARIABLE = "FACESEARCH_DATA";

  private DataLocation() {}

  /** Where a chosen folder came from. */
  public enum Origin {
    /** Named by the caller ({@link DataSetting#DATA_FOLDER}). */
    SETTING,
    /** {@value #DATA_VARIABLE}. */
    ENVIRONMENT,
    /** Neither given: the workspace's data folder. */
    WORKSPACE
  }

  /** A folder and where it came from, for messages. */
  public record Choice(Path folder, Origin origin) {}

  /**
   * The folder the rule picks, whether or not LFW is there yet: {@code data fetch} downloads into
   * it, every other command reads from it via {@link #resolve}.
   */
  public static Choice choose(Path flagOrNull, Map<String, String> env, Workspace workspace) {
    if (flagOrNull != null) {
      return new Choice(flagOrNull.toAbsolutePath().normalize(), Origin.SETTING);
    }
    if (env.get(DATA_VARIABLE) != null && !env.get(DATA_VARIABLE).isBlank()) {
      return new Choice(
          Path.of(env.get(DATA_VARIABLE)).toAbsolutePath().normalize(), Origin.ENVIRONMENT);
    }
    return new Choice(workspace.dataDir().toAbsolutePath().normalize(), Origin.WORKSPACE);
  }

  /**
   * The LFW root to use.
   *
   * @throws DataNotFoundException naming the folder tried, the setting that chose it and why it was
   *     rejected
   */
  public static Path resolve(Path flagOrNull, Map<String, String> env, Workspace workspace) {
    Choice choice = choose(flagOrNull, env, workspace);
    Optional<String> problem = LfwLayout.problemWith(choice.folder());
    if (problem.isPresent()) {
      Object[] source =
          switch (choice.origin()) {
            case SETTING -> new Object[] {DataSetting.DATA_FOLDER};
            case ENVIRONMENT -> new Object[] {DATA_VARIABLE};
            case WORKSPACE ->
                new Object[] {
                  "the workspace's data folder (",
                  DataSetting.DATA_FOLDER,
                  " not given and " + DATA_VARIABLE + " is not set)"
                };
          };
      List<Object> parts = new ArrayList<>();
      parts.add("LFW data not found: tried " + choice.folder() + " from ");
      parts.addAll(List.of(source));
      parts.add(", which " + problem.get());
      throw new DataNotFoundException(
          choice.folder(), workspace.dataDir(), SettingMessage.of(parts.toArray()));
    }
    return choice.folder();
  }
}
