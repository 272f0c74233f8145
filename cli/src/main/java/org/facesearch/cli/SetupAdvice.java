package org.facesearch.cli;

import org.facesearch.data.DataLocation;
import org.facesearch.data.DataNotFoundException;
import org.facesearch.data.DataSetting;
import org.facesearch.solr.SolrGallery;
import org.facesearch.solr.SolrNotSetUpException;
import org.facesearch.solr.SolrSetting;
import org.facesearch.solr.SolrUnavailableException;

/**
 * The commands that get what a command needs before it can run: LFW on disk, a SolrCloud to talk to
 * and set up. The data and Solr modules say what is missing in domain words; the command line adds
 * what to type (like {@link IndexAdvice} does for the indexer and searcher).
 */
final class SetupAdvice {
  private SetupAdvice() {}

  /** What to type after {@code failure}'s message; empty for a failure it has no advice for. */
  static String after(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String advice = of(t);
      if (!advice.isEmpty()) {
        return advice;
      }
    }
    return "";
  }

  private static String of(Throwable failure) {
    return switch (failure) {
      case DataNotFoundException missing -> data(missing);
      case SolrUnavailableException down
          when down.reason() == SolrUnavailableException.Reason.UNREACHABLE ->
          " (`facesearch solr local` starts one here)";
      case SolrNotSetUpException notSetUp ->
          ": `facesearch solr setup` with "
              + Flags.of(SolrSetting.ADDRESS)
              + " "
              + notSetUp.address()
              + (notSetUp.alias().equals(SolrGallery.DEFAULT_ALIAS)
                  ? ""
                  : " and " + Flags.of(SolrSetting.ALIAS) + " " + notSetUp.alias());
      default -> "";
    };
  }

  private static String data(DataNotFoundException missing) {
    if (missing.workspaceFolder().isPresent()) {
      return ". Run `facesearch data fetch` to download LFW into "
          + missing.workspaceFolder().get()
          + ", or point "
          + Flags.of(DataSetting.DATA_FOLDER)
          + " or "
          + DataLocation.DATA_VARIABLE
          + " at an LFW folder.";
    }
    return switch (missing.missing()) {
      case PHOTOS -> ". Run `facesearch data fetch` to download LFW.";
      case PROTOCOL_FILE ->
          ". Run `facesearch data fetch` to download LFW with its protocol files.";
    };
  }
}
