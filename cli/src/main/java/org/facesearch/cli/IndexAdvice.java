package org.facesearch.cli;

import org.facesearch.indexer.IndexNotFoundException;
import org.facesearch.indexer.InvalidIndexException;
import org.facesearch.indexer.ModelMismatchException;
import org.facesearch.searcher.Identification;
import org.facesearch.searcher.NoOpenSetThresholdException;

/**
 * The commands that fix what the indexer and searcher report: their messages say what is wrong in
 * domain words, and the command line adds what to type (the web adds its own words).
 */
final class IndexAdvice {
  private IndexAdvice() {}

  /** Why a query's results have no look-alike probabilities, and how to get them. */
  static String note(Identification.Unavailable unavailable) {
    return unavailable.message()
        + switch (unavailable.reason()) {
          case BUILT_BEFORE_LOOK_ALIKES -> "; `facesearch reindex` fits one";
          case GALLERY_CANNOT_FIT ->
              "; a gallery with more people, and more photos of each, fits one (`facesearch"
                  + " enroll`, or a lower --min-faces)";
          case UNUSABLE -> "; `facesearch reindex --force` fits a new one";
        };
  }

  /** What to type after {@code failure}'s message; empty for a failure it has no advice for. */
  static String after(Throwable failure) {
    return switch (failure) {
      case IndexNotFoundException notBuilt -> "; run `facesearch index` to build one";
      case ModelMismatchException mismatch when mismatch.aboutGalleryVectors() -> "";
      case ModelMismatchException mismatch ->
          "; run `facesearch reindex` with this model, or use the model the index was built with";
      case InvalidIndexException invalid when invalid.settingMessage().isEmpty() ->
          "; run `facesearch index` to build a new one";
      case NoOpenSetThresholdException noThreshold ->
          "; give --threshold"
              + switch (noThreshold.reason().orElse(Identification.Reason.GALLERY_CANNOT_FIT)) {
                case BUILT_BEFORE_LOOK_ALIKES ->
                    ", or run `facesearch reindex` to fit a look-alike calibration";
                case UNUSABLE ->
                    ", or run `facesearch reindex --force` to fit a new look-alike calibration";
                case GALLERY_CANNOT_FIT -> "";
              };
      default -> "";
    };
  }
}
