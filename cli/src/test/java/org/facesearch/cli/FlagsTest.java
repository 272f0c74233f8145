package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.facesearch.bench.BenchSetting;
import org.facesearch.data.DataSetting;
import org.facesearch.data.setting.NamedSetting;
import org.facesearch.evaluation.EvaluationSetting;
import org.facesearch.indexer.IndexSetting;
import org.facesearch.model.engine.EngineSetting;
import org.facesearch.searcher.SearchSetting;
import org.facesearch.solr.SolrSetting;
import org.facesearch.trainer.TrainingSetting;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class FlagsTest {

  @Test
  void everySettingTheLibraryNamesIsAnOptionOfSomeCommand() {
    Set<String> options = new HashSet<>();
    collect(FacesearchCommand.commandLine(), options);
    List<NamedSetting> settings =
        Stream.of(
                DataSetting.values(),
                EngineSetting.values(),
                TrainingSetting.values(),
                SearchSetting.values(),
                EvaluationSetting.values(),
                IndexSetting.values(),
                SolrSetting.values(),
                BenchSetting.values())
            .flatMap(Stream::of)
            .map(NamedSetting.class::cast)
            .toList();
    for (NamedSetting setting : settings) {
      String flag = Flags.of(setting);
      assertTrue(options.contains(flag), setting + " -> " + flag + ", which no command has");
    }
  }

  private static void collect(CommandLine command, Set<String> options) {
    for (OptionSpec option : command.getCommandSpec().options()) {
      options.addAll(List.of(option.names()));
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, options));
  }
}
