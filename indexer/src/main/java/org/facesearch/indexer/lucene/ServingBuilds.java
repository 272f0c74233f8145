package org.facesearch.indexer.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.search.ReferenceManager;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.ModelMismatchException;
import org.facesearch.indexer.ServingGallery;

/**
 * Lucene's acquire/release/refresh protocol over whole builds: a refresh opens the build {@code
 * CURRENT} names (or reopens the same build after an enrolment), swaps it in atomically, and the
 * previous one closes once its last in-flight query releases it.
 */
final class ServingBuilds implements ServingGallery {
  private final IndexRoot root;
  private final String modelId;
  private final Builds builds;

  ServingBuilds(IndexRoot root, String modelId) throws IOException {
    this.root = root;
    this.modelId = modelId;
    this.builds = new Builds(ServingBuild.open(checked(root.requireCurrent()), root));
  }

  /** A build made with another model would answer every query with meaningless scores. */
  private Build checked(Build build) {
    if (!build.manifest().modelId().equals(modelId)) {
      throw new ModelMismatchException(build.manifest().modelId(), modelId, root.dir().toString());
    }
    return build;
  }

  @Override
  public Snapshot acquire() {
    try {
      return builds.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use the index at " + root.dir() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void release(Snapshot snapshot) {
    try {
      builds.release((ServingBuild) snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close an old index build: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean refresh() {
    Snapshot before = acquire();
    release(before);
    try {
      builds.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the new index build: " + e.getMessage(), e);
    }
    Snapshot after = acquire();
    release(after);
    return after != before;
  }

  @Override
  public void close() {
    try {
      builds.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the index: " + e.getMessage(), e);
    }
  }

  private final class Builds extends ReferenceManager<ServingBuild> {
    Builds(ServingBuild first) {
      current = first;
    }

    @Override
    protected ServingBuild refreshIfNeeded(ServingBuild serving) throws IOException {
      Build current = root.requireCurrent();
      // Compare names first: a build replaced by another may already have been pruned from disk.
      if (current.name().equals(serving.build().name()) && serving.isCurrent()) {
        return null;
      }
      return ServingBuild.open(checked(current), root);
    }

    @Override
    protected boolean tryIncRef(ServingBuild build) {
      return build.tryIncRef();
    }

    @Override
    protected void decRef(ServingBuild build) throws IOException {
      build.decRef();
    }

    @Override
    protected int getRefCount(ServingBuild build) {
      return build.references();
    }
  }
}
