package org.facesearch.searcher;

import java.io.IOException;
import org.apache.lucene.search.ReferenceManager;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.IndexRoot;
import org.facesearch.indexer.ModelMismatchException;

/**
 * Lucene's acquire/release/refresh protocol over whole builds: a refresh opens the build {@code
 * CURRENT} names (or reopens the same build after an enrolment), swaps it in atomically, and the
 * previous one closes once its last in-flight query releases it.
 */
final class ServingBuilds extends ReferenceManager<ServingBuild> {
  private final IndexRoot root;
  private final String modelId;

  ServingBuilds(IndexRoot root, String modelId) throws IOException {
    this.root = root;
    this.modelId = modelId;
    current = ServingBuild.open(checked(root.requireCurrent()));
  }

  @Override
  protected ServingBuild refreshIfNeeded(ServingBuild serving) throws IOException {
    Build current = root.requireCurrent();
    // Compare names first: a build replaced by another may already have been pruned from disk.
    if (current.name().equals(serving.build().name()) && serving.isCurrent()) {
      return null;
    }
    return ServingBuild.open(checked(current));
  }

  /** A build made with another model would answer every query with meaningless scores. */
  private Build checked(Build build) {
    if (!build.manifest().modelId().equals(modelId)) {
      throw new ModelMismatchException(build.manifest().modelId(), modelId, root.dir().toString());
    }
    return build;
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
