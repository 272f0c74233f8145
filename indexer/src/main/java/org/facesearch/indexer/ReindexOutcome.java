package org.facesearch.indexer;

import java.util.List;

/**
 * What {@link Reindexer#reindex} did; in both cases older builds beyond the kept ones were pruned.
 */
public sealed interface ReindexOutcome {

  /** The serving build after the call. */
  Build build();

  /** Names of the builds deleted. */
  List<String> pruned();

  /** Nothing changed since the serving build was made; it keeps serving. */
  record UpToDate(Build build, List<String> pruned) implements ReindexOutcome {}

  /** A new build now serves; {@code reason} says why it was needed. */
  record Rebuilt(Build build, String reason, List<String> pruned) implements ReindexOutcome {}
}
