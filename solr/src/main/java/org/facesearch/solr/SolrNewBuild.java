package org.facesearch.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.solr.common.SolrInputDocument;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.NewBuild;

/**
 * A build written into its own collection, which no alias names yet. Publishing adds the manifest
 * document and then moves the alias; closing an unpublished build deletes the collection (and if
 * the process dies first, the next build does: the collection has no manifest).
 */
final class SolrNewBuild implements NewBuild {
  private static final int BATCH = 500;

  private final SolrGallery gallery;
  private final String name;
  private final String collection;
  private final List<SolrInputDocument> pending = new ArrayList<>();
  private boolean published;

  SolrNewBuild(SolrGallery gallery, String name, String collection) {
    this.gallery = gallery;
    this.name = name;
    this.collection = collection;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void add(IndexEntry entry) {
    pending.add(SolrGallery.document(entry));
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      gallery.client().add(collection, List.copyOf(pending));
      pending.clear();
    } catch (Exception e) {
      throw gallery.failure("cannot add images to collection " + collection, e);
    }
  }

  @Override
  public void commit() {
    flush();
    try {
      gallery.client().commit(collection, true, true);
    } catch (Exception e) {
      throw gallery.failure("cannot commit collection " + collection, e);
    }
  }

  @Override
  public int count() {
    return Math.toIntExact(gallery.count(collection));
  }

  @Override
  public List<Neighbour> nearest(float[] embedding, int k) {
    return gallery.nearest(collection, embedding, k, Optional.empty());
  }

  @Override
  public Build publish(BuildManifest manifest) {
    try {
      gallery.client().add(collection, SolrGallery.manifestDocument(manifest));
      gallery.client().commit(collection, true, true);
    } catch (Exception e) {
      throw gallery.failure("cannot record the manifest in collection " + collection, e);
    }
    published = true;
    gallery.moveAlias(collection);
    return new Build(name, collection, manifest);
  }

  @Override
  public void close() {
    if (!published) {
      gallery.deleteQuietly(collection);
    }
  }
}
