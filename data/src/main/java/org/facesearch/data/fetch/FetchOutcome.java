package org.facesearch.data.fetch;

import java.nio.file.Path;

/** What {@link LfwFetcher#fetch} did. */
public sealed interface FetchOutcome {
  Path target();

  /** The dataset was downloaded and unpacked into {@code target}. */
  record Fetched(Path target, int identities, int images) implements FetchOutcome {}

  /** {@code target} already held a complete dataset; nothing was downloaded. */
  record AlreadyPresent(Path target) implements FetchOutcome {}
}
