package org.facesearch.evaluation;

import java.util.List;
import org.facesearch.data.FaceImage;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;

/**
 * The face crops of an LFW copy (or subset) prepared one way, from the data module's crop cache:
 * built once per preprocessing (shared with the index of the same LFW copy), then memory-mapped.
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
