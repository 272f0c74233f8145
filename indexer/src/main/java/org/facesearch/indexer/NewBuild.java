package org.facesearch.indexer;

import java.util.List;

/**
 * A build being written: invisible to queries until {@link #publish}; {@link #close} without a
 * publish discards it (and so does the next build, if the process was killed meanwhile).
 */
public interface NewBuild extends AutoCloseable {

  /** The build's name, {@code <UTC stamp>-<modelId>}. */
  String name();

  void add(IndexEntry entry);

  /** Makes everything added durable and searchable by {@link #count} and {@link #nearest}. */
  void commit();

  /** How many images the committed build holds. */
  int count();

  /**
   * The {@code k} nearest images in the committed build, for its self-check and look-alike
   * calibration; called from several threads at once.
   */
  List<Neighbour> nearest(float[] embedding, int k);

  /** Records {@code manifest} and makes the build the serving one, atomically. */
  Build publish(BuildManifest manifest);

  /** Discards the build unless it was published. */
  @Override
  void close();
}
