package org.facesearch.cli;

import org.facesearch.bench.BenchSetting;
import org.facesearch.data.DataSetting;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.NamedSetting;
import org.facesearch.evaluation.EvaluationSetting;
import org.facesearch.indexer.IndexSetting;
import org.facesearch.model.engine.EngineSetting;
import org.facesearch.searcher.SearchSetting;
import org.facesearch.solr.SolrSetting;
import org.facesearch.trainer.TrainingSetting;

/**
 * The flag a user types for each setting the library's messages name: the library says "the data
 * folder", the command line says {@code --data}. The switches are exhaustive, so a setting added to
 * a module's enum does not compile here until it has its flag.
 */
final class Flags {
  private Flags() {}

  /** {@code failure}'s message with the settings it names called by their flags. */
  static String inMessage(Throwable failure, String message) {
    String text = message;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MentionsSettings named
          && named.settingMessage().isPresent()
          && t.getMessage() != null) {
        // A wrapper's message usually quotes its cause's ("cannot ...: " + cause): swap that part.
        text = text.replace(t.getMessage(), named.settingMessage().get().render(Flags::of));
      }
    }
    return text;
  }

  /** The flag for {@code setting}; a setting from elsewhere keeps its domain words. */
  static String of(NamedSetting setting) {
    return switch (setting) {
      case DataSetting data ->
          switch (data) {
            case DATA_FOLDER -> "--data";
            case FORCE -> "--force";
          };
      case EngineSetting engine ->
          switch (engine) {
            case DEVICE -> "--device";
            case LIBTORCH -> "--libtorch";
            case PRECISION -> "--precision";
            case RUNTIME -> "--runtime";
          };
      case TrainingSetting training ->
          switch (training) {
            case OUT -> "--out";
            case RUN_DIR -> "--run-dir";
            case RESUME -> "--resume";
            case TEACHER -> "--teacher";
            case BATCH -> "--batch";
            case LEARNING_RATE -> "--lr";
            case BACKBONE -> "--backbone";
            case INITIAL_WEIGHTS -> "--init";
          };
      case SearchSetting search ->
          switch (search) {
            case MODEL -> "--model";
          };
      case EvaluationSetting evaluation ->
          switch (evaluation) {
            case REPORT -> "--report";
          };
      case IndexSetting index ->
          switch (index) {
            case QUANTIZED -> "--quantized";
            case MAX_CONNECTIONS -> "--m";
            case BEAM_WIDTH -> "--beam-width";
          };
      case SolrSetting solr ->
          switch (solr) {
            case ADDRESS -> "--solr";
            case ALIAS -> "--solr-alias";
            case SHARDS -> "--shards";
            case REPLICAS -> "--replicas";
            case NODES -> "--nodes";
          };
      case BenchSetting bench ->
          switch (bench) {
            case QUERIES -> "--queries";
            case THREADS -> "--threads";
            case IMAGES -> "--images";
            case REQUESTS -> "--requests";
          };
      default -> setting.description();
    };
  }
}
