package org.facesearch.indexer;

/**
 * Why a build has no {@link LookAlikeCalibration}: its gallery cannot fit one. Every build records
 * either its calibration or this in its manifest, so a manifest with neither was made before
 * facesearch fitted them ({@link BuildManifest#predatesLookAlikes()}).
 */
public enum NoLookAlikeFit {
  /**
   * The leave-one-out searches found the right person first every time, or never (a gallery of one
   * person, or of one photo each): nothing to tell a right answer's score from a wrong one's.
   */
  ONE_KIND_OF_ANSWER(
      "its leave-one-out searches found the right person first every time or never (a gallery of"
          + " one person, or of one photo each)"),
  /** Too few images to keep some searches out of the fit to measure it. */
  TOO_FEW_SEARCHES("its gallery is too small to keep searches out of the fit to measure it");

  private final String description;

  NoLookAlikeFit(String description) {
    this.description = description;
  }

  /** Why, in words that follow "the build has no look-alike calibration: ". */
  public String description() {
    return description;
  }
}
