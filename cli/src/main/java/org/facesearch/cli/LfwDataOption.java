package org.facesearch.cli;

import java.nio.file.Path;
import java.util.Map;
import org.facesearch.data.DataLocation;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where LFW is, for commands that read it. */
final class LfwDataOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "LFW folder (default: $FACESEARCH_DATA, else the workspace's data/lfw).")
  Path data;

  /** LFW from {@code --data}, else the environment's or the workspace's. */
  LfwDataset open(Map<String, String> env, Workspace workspace) {
    return LfwDataset.open(DataLocation.resolve(data, env, workspace));
  }
}
