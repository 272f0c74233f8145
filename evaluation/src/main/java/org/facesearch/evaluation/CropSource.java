package org.facesearch.evaluation;

import java.util.List;
import java.util.OptionalInt;
import org.facesearch.data.FaceImage;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;

/**
 * The face crops of an LFW copy (or subset) prepared as a model wants them ({@link
 * Embedder#cachedCrops}: alignment, if the model has one, then preprocessing), from the data
 * module's crop cache: built once (shared with the index of the same LFW copy), then memory-mapped.
 */
public final class CropSource implements AutoCloseable {
  private final CachedCrops cached;

  /**
   * Loads the crops of every image of {@code dataset}, building the cache file if it has none.
   *
   * @throws org.facesearch.data.image.InvalidImageException naming an image that cannot be decoded
   */
  public CropSource(CropCache cache, LfwDataset dataset, Preprocessing preprocessing) {
    this.cached = cache.load(dataset, preprocessing);
  }

  /**
   * Loads {@code embedder}'s inputs for every image of {@code dataset}, building the cache file if
   * it has none.
   *
   * @throws org.facesearch.data.image.InvalidImageException naming an image that cannot be decoded
   */
  public CropSource(CropCache cache, LfwDataset dataset, Embedder embedder) {
    this.cached = embedder.cachedCrops(cache, dataset);
  }

  /**
   * When this source built aligned crops: how many images had no face found and were framed fixed
   * instead (see {@link CachedCrops#fallbacks()}).
   */
  public OptionalInt fallbacks() {
    return cached.fallbacks();
  }

  public Preprocessing preprocessing() {
    return cached.preprocessing();
  }

  /**
   * The crops of {@code images}, in order.
   *
   * @throws ImageNotFoundException naming an image outside the dataset the source was made for
   */
  public List<FaceCrop> crops(List<FaceImage> images) {
    return images.stream().map(image -> cached.crop(cached.indexOf(image))).toList();
  }

  @Override
  public void close() {
    cached.close();
  }
}
